using Glance.Runtime.Activation;
using Glance.Runtime.Reminders;
using Glance.Runtime.Streams;
using Glance.Runtime.Timers;

namespace Glance.Runtime;

/// <summary>
/// Base class of grain implementations, shaped like Orleans' <c>Grain</c>: lifecycle hooks, timers, reminders,
/// streams and deactivation. The runtime creates instances through dependency injection (constructor parameters may
/// also be <c>[PersistentState]</c> states) and runs one turn at a time per activation.
/// </summary>
public abstract class Grain
{
    private GrainActivation? activation;

    /// <summary>This grain's identity.</summary>
    public GrainId GrainId => Activation.Id;

    internal GrainActivation Activation
    {
        get => activation ?? throw new InvalidOperationException("This grain instance was not created by the grain runtime.");
        set => activation = value;
    }

    protected IGrainFactory GrainFactory => Activation.Runtime;

    public string GetPrimaryKeyString() => Activation.Id.Key;

    /// <summary>Runs once, as the activation's first turn, after persistent state was read.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs once, as the activation's last turn. Not guaranteed when the process is killed.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation once the current turn ends; later calls go to a fresh activation.</summary>
    protected void DeactivateOnIdle() => Activation.RequestDeactivation();

    /// <summary>
    /// A timer whose callback runs as a turn of this activation (never alongside another turn). The next tick is not
    /// scheduled until the callback finished. Timers end with the activation and do not keep it alive.
    /// </summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        Activation.RegisterTimer(callback, dueTime, period);

    /// <summary>A durable reminder: kept in the state store, it fires (through <see cref="IRemindable"/>) even after a restart.</summary>
    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period, CancellationToken cancellationToken = default) =>
        Activation.Runtime.Reminders.RegisterOrUpdateAsync(GrainId, reminderName, dueTime, period, cancellationToken);

    protected Task UnregisterReminder(IGrainReminder reminder, CancellationToken cancellationToken = default) =>
        Activation.Runtime.Reminders.UnregisterAsync(GrainId, reminder.ReminderName, cancellationToken);

    protected Task<IGrainReminder?> GetReminder(string reminderName, CancellationToken cancellationToken = default) =>
        Activation.Runtime.Reminders.GetAsync(GrainId, reminderName, cancellationToken);

    /// <summary>A stream provider whose subscriptions made here deliver as turns of this activation.</summary>
    protected IStreamProvider GetStreamProvider(string name) => Activation.Runtime.Streams.GetProvider(name).For(Activation);
}
