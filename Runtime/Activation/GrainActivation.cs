using System.Diagnostics;
using Glance.Runtime.State;
using Glance.Runtime.Timers;
using Microsoft.Extensions.Logging;

namespace Glance.Runtime.Activation;

/// <summary>
/// One live instance of a grain: its queue of turns, run one at a time on the thread pool, and its lifecycle
/// (activate on first call, deactivate when idle or asked to). Different activations run in parallel.
/// </summary>
internal sealed partial class GrainActivation : IThreadPoolWorkItem
{
    private readonly Lock gate = new();
    private readonly Queue<WorkItem> queue = new();
    private readonly List<GrainTimer> timers = [];
    private readonly TaskCompletionSource deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger logger;
    private ActivationState state = ActivationState.Activating;
    private DeactivationReason? requestedDeactivation;
    private bool scheduled;
    private WorkItem? current;
    private long lastActivity;
    private Grain? instance;
    private volatile Grain? activeInstance;

    public GrainActivation(GrainRuntime runtime, GrainId id, GrainClass grainClass)
    {
        Runtime = runtime;
        Id = id;
        GrainClass = grainClass;
        logger = runtime.ActivationLogger;
        lastActivity = runtime.Clock.GetTimestamp();
    }

    public GrainRuntime Runtime { get; }

    public GrainId Id { get; }

    public GrainClass GrainClass { get; }

    /// <summary>Calls waiting for their turn (a racy read, for metrics).</summary>
    public int QueueLength => queue.Count;

    /// <summary>The instance, once activated; null before and after.</summary>
    public Grain? ActiveInstance => activeInstance;

    public Task Deactivated => deactivated.Task;

    /// <summary>Queues a turn. False when this activation is going away: the caller must use a fresh one.</summary>
    public bool TryEnqueue(WorkItem item)
    {
        lock (gate)
        {
            if (state >= ActivationState.Deactivating || requestedDeactivation is not null)
            {
                return false;
            }

            queue.Enqueue(item);
            if (!scheduled)
            {
                scheduled = true;
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
            }
        }

        return true;
    }

    void IThreadPoolWorkItem.Execute() => _ = RunTurnsAsync();

    public void RequestDeactivation()
    {
        lock (gate)
        {
            requestedDeactivation ??= DeactivationReason.ApplicationRequested;
        }
    }

    /// <summary>Starts deactivating when idle for longer than the age limit (called by the collector).</summary>
    /// <param name="overrideClassAge">Apply <paramref name="age"/> even to classes with their own collection age.</param>
    public bool TryCollect(long now, TimeSpan age, bool overrideClassAge)
    {
        age = overrideClassAge ? age : GrainClass.CollectionAge ?? age;
        lock (gate)
        {
            if (state != ActivationState.Valid || scheduled || queue.Count > 0 || Runtime.Clock.GetElapsedTime(lastActivity, now) < age)
            {
                return false;
            }

            BeginDeactivationLocked();
        }

        Runtime.RemoveActivation(Id, this);
        ThreadPool.UnsafeQueueUserWorkItem(static a => _ = a.DeactivateAsync(DeactivationReason.IdleCollection, []), this, preferLocal: false);
        return true;
    }

    /// <summary>Deactivates for shutdown: now if idle, else right after the current turn.</summary>
    public Task DeactivateForShutdownAsync()
    {
        lock (gate)
        {
            if (state >= ActivationState.Deactivating)
            {
                return deactivated.Task;
            }

            if (scheduled)
            {
                requestedDeactivation = DeactivationReason.ShuttingDown;
                return deactivated.Task;
            }

            BeginDeactivationLocked();
        }

        Runtime.RemoveActivation(Id, this);
        return DeactivateAsync(DeactivationReason.ShuttingDown, []);
    }

    /// <summary>Fails calls that have waited longer than the call timeout, so their callers are not left hanging.</summary>
    public void ExpireOverdueCalls(long now, TimeSpan timeout)
    {
        lock (gate)
        {
            if (current is { IsCompleted: false } running && Runtime.Clock.GetElapsedTime(running.EnqueuedAt, now) > timeout)
            {
                Fail(running, timeout);
            }

            foreach (var waiting in queue)
            {
                if (!waiting.IsCompleted && Runtime.Clock.GetElapsedTime(waiting.EnqueuedAt, now) > timeout)
                {
                    Fail(waiting, timeout);
                }
            }
        }

        void Fail(WorkItem item, TimeSpan limit)
        {
            if (item.TryFail(new TimeoutException($"{item.Description} on {Id} did not complete within {limit.TotalSeconds:0.###} s.")))
            {
                RuntimeMetrics.CallTimeouts.Add(1, new KeyValuePair<string, object?>("grain_type", GrainClass.Name));
            }
        }
    }

    public GrainTimer RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new GrainTimer(this, callback, dueTime, period);
        lock (gate)
        {
            if (state >= ActivationState.Deactivating)
            {
                throw new InvalidOperationException($"{Id} is deactivating; it cannot register timers.");
            }

            timers.Add(timer);
        }

        timer.Start();
        return timer;
    }

    public void RemoveTimer(GrainTimer timer)
    {
        lock (gate)
        {
            timers.Remove(timer);
        }
    }

    private async Task RunTurnsAsync()
    {
        if (state == ActivationState.Activating && !await ActivateAsync().ConfigureAwait(false))
        {
            return;
        }

        while (true)
        {
            WorkItem? item;
            List<WorkItem>? drained = null;
            DeactivationReason reason = default;
            lock (gate)
            {
                if (requestedDeactivation is { } requested)
                {
                    reason = requested;
                    BeginDeactivationLocked();
                    drained = [.. queue];
                    queue.Clear();
                    item = null;
                }
                else if (!queue.TryDequeue(out item))
                {
                    scheduled = false;
                    current = null;
                    return;
                }
                else
                {
                    current = item;
                }
            }

            if (drained is not null)
            {
                Runtime.RemoveActivation(Id, this);
                await DeactivateAsync(reason, drained).ConfigureAwait(false);
                return;
            }

            if (item!.IsCompleted)
            {
                continue; // its caller gave up (cancelled or timed out) while it waited
            }

            var started = Stopwatch.GetTimestamp();
            var pending = item.ExecuteAsync(instance!);
            if (!pending.IsCompletedSuccessfully)
            {
                await pending.ConfigureAwait(false);
            }

            if (item.KeepsAlive)
            {
                Volatile.Write(ref lastActivity, Runtime.Clock.GetTimestamp());
            }

            RuntimeMetrics.RecordTurn(GrainClass.Name, started);
        }
    }

    private async Task<bool> ActivateAsync()
    {
        try
        {
            if (Runtime.TryGetPredecessor(Id, out var predecessor))
            {
                // One activation per grain in this process: wait until the previous one has written its last state.
                await predecessor.ConfigureAwait(false);
            }

            using var timeout = new CancellationTokenSource(Runtime.Options.CallTimeout);
            var states = new object[GrainClass.States.Count];
            for (var i = 0; i < states.Length; i++)
            {
                var slot = GrainClass.States[i];
                var persistent = Runtime.StateFactory.Create(Id, slot);
                await persistent.ReadStateAsync(timeout.Token).ConfigureAwait(false);
                states[i] = persistent;
            }

            instance = GrainClass.Create(Runtime.Services, states);
            instance.Activation = this;
            await instance.OnActivateAsync(timeout.Token).ConfigureAwait(false);
            lock (gate)
            {
                state = ActivationState.Valid;
                activeInstance = instance;
            }

            RuntimeMetrics.Activated(GrainClass.Name);
            return true;
        }
        catch (Exception e)
        {
            LogActivationFailed(logger, e, Id);
            RuntimeMetrics.ActivationFailures.Add(1, new KeyValuePair<string, object?>("grain_type", GrainClass.Name));
            List<WorkItem> waiting;
            lock (gate)
            {
                state = ActivationState.Invalid;
                waiting = [.. queue];
                queue.Clear();
                scheduled = false;
            }

            Runtime.RemoveActivation(Id, this);
            DisposeTimers();
            deactivated.TrySetResult();
            foreach (var item in waiting)
            {
                item.TryFail(e);
            }

            return false;
        }
    }

    private void BeginDeactivationLocked()
    {
        Runtime.RegisterPredecessor(Id, deactivated.Task);
        state = ActivationState.Deactivating;
        activeInstance = null;
        scheduled = true;
    }

    private async Task DeactivateAsync(DeactivationReason reason, List<WorkItem> drained)
    {
        DisposeTimers();
        Runtime.Streams.RemoveSubscriptions(this);
        try
        {
            using var timeout = new CancellationTokenSource(Runtime.Options.DeactivationTimeout);
            if (instance is not null)
            {
                await instance.OnDeactivateAsync(reason, timeout.Token).WaitAsync(Runtime.Options.DeactivationTimeout).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            LogDeactivationFailed(logger, e, Id, reason);
        }
        finally
        {
            lock (gate)
            {
                state = ActivationState.Invalid;
            }

            RuntimeMetrics.Deactivated(GrainClass.Name);
            Runtime.ForgetPredecessor(Id, deactivated.Task);
            deactivated.TrySetResult();
        }

        foreach (var item in drained)
        {
            Runtime.Redispatch(Id, GrainClass, item);
        }
    }

    private void DisposeTimers()
    {
        GrainTimer[] toDispose;
        lock (gate)
        {
            toDispose = [.. timers];
            timers.Clear();
        }

        foreach (var timer in toDispose)
        {
            timer.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Activation of {GrainId} failed")]
    private static partial void LogActivationFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OnDeactivateAsync of {GrainId} ({Reason}) failed")]
    private static partial void LogDeactivationFailed(ILogger logger, Exception exception, GrainId grainId, DeactivationReason reason);
}
