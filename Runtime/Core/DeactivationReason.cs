namespace Glance.Runtime;

public enum DeactivationReason
{
    /// <summary>Idle for longer than its collection age.</summary>
    IdleCollection,

    /// <summary>The grain asked for it with DeactivateOnIdle.</summary>
    ApplicationRequested,

    /// <summary>The runtime is stopping.</summary>
    ShuttingDown,
}
