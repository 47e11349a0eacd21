namespace Glance.Tests.Infrastructure;

/// <summary>
/// A clock that moves only when told to. Timers created from it fire synchronously, on the thread that calls
/// <see cref="Advance"/>, in due-time order (creation order for equal times), each periodic timer once per period
/// passed. A timer whose due time is zero fires during <c>CreateTimer</c> or <c>Change</c>, as a real timer fires at once.
/// An exception from a callback propagates out of <see cref="Advance"/>, leaving the clock at that timer's due time.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<ManualTimer> armed = [];
    private DateTimeOffset now;
    private long sequence;

    public ManualTimeProvider()
        : this(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    public ManualTimeProvider(DateTimeOffset start) => now = start.ToUniversalTime();

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>How many timers are armed (neither one-shot-fired, stopped nor disposed).</summary>
    public int ArmedTimerCount
    {
        get
        {
            lock (gate)
            {
                return armed.Count;
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>Moves the clock forward, firing every timer that falls due on the way.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (gate)
        {
            target = now + delta;
        }

        FireDueTimers(target);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void FireDueTimers(DateTimeOffset target)
    {
        while (true)
        {
            ManualTimer? next = null;
            lock (gate)
            {
                foreach (var timer in armed)
                {
                    if (timer.DueAt <= target && (next is null || timer.DueAt < next.DueAt || (timer.DueAt == next.DueAt && timer.Sequence < next.Sequence)))
                    {
                        next = timer;
                    }
                }

                if (next is null)
                {
                    if (now < target)
                    {
                        now = target;
                    }

                    return;
                }

                if (now < next.DueAt)
                {
                    now = next.DueAt;
                }

                // Rescheduled before the callback runs, so a Change or Dispose from inside the callback wins.
                if (next.Period > TimeSpan.Zero)
                {
                    next.DueAt += next.Period;
                    next.Sequence = ++sequence;
                }
                else
                {
                    armed.Remove(next);
                }
            }

            next.Callback(next.State);
        }
    }

    private bool Schedule(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "Due time must be non-negative or infinite.");
        }

        if (period < TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "Period must be non-negative or infinite.");
        }

        DateTimeOffset current;
        lock (gate)
        {
            if (timer.Disposed)
            {
                return false;
            }

            armed.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return true;
            }

            timer.DueAt = now + dueTime;
            timer.Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
            timer.Sequence = ++sequence;
            armed.Add(timer);
            current = now;
        }

        if (dueTime == TimeSpan.Zero)
        {
            FireDueTimers(current);
        }

        return true;
    }

    private void Remove(ManualTimer timer)
    {
        lock (gate)
        {
            timer.Disposed = true;
            armed.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public TimerCallback Callback { get; } = callback;

        public object? State { get; } = state;

        // Guarded by the owner's lock.
        public DateTimeOffset DueAt { get; set; }

        public TimeSpan Period { get; set; }

        public long Sequence { get; set; }

        public bool Disposed { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period) => owner.Schedule(this, dueTime, period);

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
