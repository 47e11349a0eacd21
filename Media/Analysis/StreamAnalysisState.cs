using Glance.Media.Timing;

namespace Glance.Media.Analysis;

/// <summary>
/// What analysis remembers between segments of one stream; a grain persists it and passes it back with the next segment.
/// </summary>
/// <param name="Clock">The stream clock (timestamps to stream time).</param>
/// <param name="KeyframesSeen">Keyframes decoded so far, so "every Nth keyframe" continues across segments.</param>
/// <param name="KeyframePathHolds">Whether keyframe-only decoding gave the exact samples on the last try; null when untried.</param>
public sealed record StreamAnalysisState(StreamClockState Clock, long KeyframesSeen = 0, bool? KeyframePathHolds = null)
{
    /// <summary>State before the first segment of an event.</summary>
    /// <param name="eventStartPts">The timestamp that is stream time zero, when known.</param>
    /// <param name="eventStartWallClock">The event's wall-clock start, used with PROGRAM-DATE-TIME.</param>
    public static StreamAnalysisState Start(long? eventStartPts = null, DateTimeOffset? eventStartWallClock = null) =>
        new(StreamClock.Start(eventStartPts, eventStartWallClock));
}
