namespace Glance.Runtime.Activation;

internal enum ActivationState
{
    /// <summary>Created; state not read and OnActivateAsync not run yet. Calls queue up.</summary>
    Activating,

    /// <summary>Serving calls.</summary>
    Valid,

    /// <summary>Running OnDeactivateAsync; refuses new calls, which go to a fresh activation that waits for this one.</summary>
    Deactivating,

    /// <summary>Gone.</summary>
    Invalid,
}
