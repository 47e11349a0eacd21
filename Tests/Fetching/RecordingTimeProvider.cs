using System.Collections.Concurrent;

namespace Glance.Tests.Fetching;

/// <summary>The system clock, recording the due time of every timer created (timeouts, deadlines, retry delays).</summary>
internal sealed class RecordingTimeProvider : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> dueTimes = new();

    public IReadOnlyCollection<TimeSpan> DueTimes => dueTimes;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        dueTimes.Enqueue(dueTime);
        return System.CreateTimer(callback, state, dueTime, period);
    }
}
