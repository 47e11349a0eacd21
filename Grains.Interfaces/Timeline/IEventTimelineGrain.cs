namespace Glance.Grains.Interfaces.Timeline;

/// <summary>
/// The detection timeline and segment statuses of one event (key: "tenant/event"). It consumes the event's
/// "segment-results" stream, stores frames and statuses idempotently, keeps a hot in-memory window for viewer context
/// queries, and tells the stream grain what it has stored. It only records: nothing is read back from it to analyse.
/// </summary>
public interface IEventTimelineGrain : IGrainWithStringKey
{
    /// <summary>Told by the event grain when the event is created or changed: the timeline answers for it from now on.</summary>
    Task DescribeEventAsync(DateTimeOffset startsAt, CancellationToken cancellationToken = default);

    /// <summary>The event was deleted: forget the timeline and the statuses.</summary>
    Task ClearAsync(CancellationToken cancellationToken = default);

    /// <summary>Applies a result (also used when results are not delivered through the stream).</summary>
    Task ApplyAsync(SegmentAnalysisResult result, CancellationToken cancellationToken = default);

    /// <summary>Distinct entities seen in [position - before, position + after] (seconds since the event start).</summary>
    /// <exception cref="Common.ResourceNotFoundException">The event is unknown.</exception>
    /// <exception cref="Common.ValidationFailedException">'before' or 'after' is negative or reaches further than the timeline answers for.</exception>
    [AlwaysInterleave]
    Task<ContextWindow> GetContextAsync(double position, double before, double after, CancellationToken cancellationToken = default);

    /// <summary>Maps a wall-clock instant to stream time (seconds since the event start).</summary>
    [AlwaysInterleave]
    Task<double> PositionAtAsync(DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Frames with sightings in [fromMs, toMs], optionally of one kind, a page at a time.</summary>
    [AlwaysInterleave]
    Task<TimelinePage> GetTimelineAsync(long fromMs, long toMs, string? kind, int limit, CancellationToken cancellationToken = default);

    [AlwaysInterleave]
    Task<IReadOnlyList<SegmentStatus>> GetSegmentsAsync(long? afterSequence, int limit, CancellationToken cancellationToken = default);

    [AlwaysInterleave]
    Task<SegmentStatus?> GetSegmentAsync(long sequence, CancellationToken cancellationToken = default);
}
