using Glance.Runtime.Activation;
using Microsoft.Extensions.Logging;

namespace Glance.Runtime.Timers;

/// <summary>
/// Ticks are queued as turns of the owning activation, so a callback never overlaps another turn; the next tick is
/// armed only when the callback has finished, so slow callbacks do not pile up.
/// </summary>
internal sealed partial class GrainTimer : IGrainTimer
{
    private readonly GrainActivation activation;
    private readonly Func<CancellationToken, Task> callback;
    private readonly CancellationTokenSource stopping = new();
    private readonly ITimer timer;
    private readonly Lock gate = new();
    private TimeSpan dueTime;
    private TimeSpan period;
    private bool disposed;

    public GrainTimer(GrainActivation activation, Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        if (period <= TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "A timer period must be positive, or Infinite for a single tick.");
        }

        this.activation = activation;
        this.callback = callback;
        this.dueTime = dueTime;
        this.period = period;
        timer = activation.Runtime.Clock.CreateTimer(static s => ((GrainTimer)s!).OnTick(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Start()
    {
        lock (gate)
        {
            if (!disposed)
            {
                timer.Change(dueTime, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        lock (gate)
        {
            this.dueTime = dueTime;
            this.period = period;
        }

        Start();
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
        }

        stopping.Cancel();
        timer.Dispose();
        activation.RemoveTimer(this);
    }

    private void OnTick()
    {
        CancellationToken token;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            token = stopping.Token;
        }

        var turn = new SystemTurn(_ => callback(token), "timer tick", keepsAlive: false, activation.Runtime.Clock.GetTimestamp());
        if (!activation.TryEnqueue(turn))
        {
            Dispose();
            return;
        }

        turn.Completion.ContinueWith(
            static (done, state) => ((GrainTimer)state!).AfterTick(done),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void AfterTick(Task done)
    {
        if (done.Exception is { } error && !stopping.IsCancellationRequested)
        {
            LogTickFailed(activation.Runtime.ActivationLogger, error.InnerException ?? error, activation.Id);
        }

        lock (gate)
        {
            if (!disposed && period != Timeout.InfiniteTimeSpan)
            {
                timer.Change(period, Timeout.InfiniteTimeSpan);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A timer callback of {GrainId} failed")]
    private static partial void LogTickFailed(ILogger logger, Exception exception, GrainId grainId);
}
