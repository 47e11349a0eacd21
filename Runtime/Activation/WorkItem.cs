namespace Glance.Runtime.Activation;

/// <summary>One turn waiting in (or running from) an activation's queue: a grain call, a timer tick, an activation step.</summary>
internal abstract class WorkItem
{
    protected WorkItem(long enqueuedAt) => EnqueuedAt = enqueuedAt;

    /// <summary>Stopwatch timestamp of when the caller made the call; timeouts count from here.</summary>
    public long EnqueuedAt { get; }

    /// <summary>Whether this turn counts as activity that keeps the activation from being collected.</summary>
    public virtual bool KeepsAlive => true;

    /// <summary>True once the caller has its answer (result, failure, cancellation or timeout).</summary>
    public abstract bool IsCompleted { get; }

    public abstract string Description { get; }

    /// <summary>Runs the turn. Never throws: failures go to the caller.</summary>
    public abstract ValueTask ExecuteAsync(Grain grain);

    /// <summary>Fails the caller without running (or while running) the turn; false when already completed.</summary>
    public abstract bool TryFail(Exception exception);
}
