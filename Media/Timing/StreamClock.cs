namespace Glance.Media.Timing;

/// <summary>
/// Maps presentation timestamps to stream time (seconds since the event started) across the segments of one stream, and to
/// wall-clock time through PROGRAM-DATE-TIME. Pure: state goes in and comes out as <see cref="StreamClockState"/>.
/// </summary>
/// <remarks>
/// Rules, per segment:
/// <list type="bullet">
/// <item>First segment: stream time zero is the given event-start PTS; else the event's wall-clock start against the
/// segment's PROGRAM-DATE-TIME; else the segment's first frame.</item>
/// <item>Next segment, same timeline: first-frame stream time = previous first frame + their timestamp distance modulo 2^33
/// (this is what handles the 26.5 h wrap), provided that distance is plausible for the EXTINF durations in between.</item>
/// <item>EXT-X-DISCONTINUITY, an implausible timestamp jump, or a media sequence that goes backwards (restart): the segment
/// is re-anchored at PROGRAM-DATE-TIME minus the event's wall clock at zero when both are known, else at the previous
/// segment's start plus its EXTINF (accumulated EXTINF); a new epoch begins.</item>
/// </list>
/// </remarks>
public static class StreamClock
{
    private static readonly long MinTolerance = Pts.TicksPerSecond;

    public static StreamClockState Start(long? eventStartPts = null, DateTimeOffset? eventStartWallClock = null) =>
        new() { EventStartPts = eventStartPts is { } pts ? Pts.Modulo(pts) : null, WallClockAtZero = eventStartWallClock };

    /// <summary>Plans the mapping of the segment described by <paramref name="timing"/>, before decoding it.</summary>
    public static SegmentClock Plan(StreamClockState state, SegmentTiming timing)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(timing);
        var byDate = timing.ProgramDateTime is { } date && state.WallClockAtZero is { } zero
            ? Pts.FromTimeSpan(date - zero)
            : (long?)null;

        if (state.Anchor is null)
        {
            return state.EventStartPts is { } startPts
                ? new SegmentClock
                {
                    Epoch = 0,
                    Break = TimelineBreak.Start,
                    Reference = new PtsAnchor(startPts, startPts, 0),
                    MinDistanceTicks = -Pts.WrapTicks,
                    MaxDistanceTicks = Pts.WrapTicks,
                    FallbackStartTicks = 0,
                    ProgramDateTime = timing.ProgramDateTime,
                    WallClockAtZero = state.WallClockAtZero,
                }
                : new SegmentClock
                {
                    Epoch = 0,
                    Break = TimelineBreak.Start,
                    FallbackStartTicks = byDate ?? 0,
                    ProgramDateTime = timing.ProgramDateTime,
                    WallClockAtZero = state.WallClockAtZero,
                };
        }

        var sequenceGap = state.LastMediaSequence is { } last ? timing.MediaSequence - last : 1;
        var restart = sequenceGap <= 0 || timing.Restart;

        // Segments skipped in between (a gap in the cursor) are assumed to last as long as the previous one.
        var accumulated = restart
            ? state.NextSegmentStartTicks
            : state.NextSegmentStartTicks + ((sequenceGap - 1) * state.LastDurationTicks);
        var fallback = byDate ?? accumulated;

        if (restart || timing.Discontinuity)
        {
            return new SegmentClock
            {
                Epoch = state.Epoch + 1,
                Break = restart ? TimelineBreak.Restart : TimelineBreak.Discontinuity,
                FallbackStartTicks = fallback,
                ProgramDateTime = timing.ProgramDateTime,
                WallClockAtZero = state.WallClockAtZero,
            };
        }

        // EXTINF may be rounded (to whole seconds in old playlists) and encoders jitter; a jump smaller than half a segment
        // per segment cannot be told from that and is accepted as continuous.
        var expected = accumulated - state.Anchor.StreamTicks;
        var tolerance = Math.Max(MinTolerance, state.LastDurationTicks / 2) * sequenceGap;
        return new SegmentClock
        {
            Epoch = state.Epoch,
            Break = TimelineBreak.None,
            Reference = state.Anchor,
            MinDistanceTicks = expected - tolerance,
            MaxDistanceTicks = expected + tolerance,
            FallbackStartTicks = fallback,
            ProgramDateTime = timing.ProgramDateTime,
            WallClockAtZero = state.WallClockAtZero,
        };
    }

    /// <summary>The state after the segment whose timestamps resolved to <paramref name="timeline"/>.</summary>
    /// <param name="lastFramePts">Timestamp of the segment's last frame, when known.</param>
    public static StreamClockState Advance(StreamClockState state, SegmentTiming timing, SegmentTimeline timeline, long? lastFramePts)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(timing);
        ArgumentNullException.ThrowIfNull(timeline);
        var duration = Pts.FromSeconds(timing.Duration);
        return state with
        {
            Epoch = timeline.Epoch,
            EventStartPts = null,
            WallClockAtZero = state.WallClockAtZero ?? timeline.WallClockAtZero,
            Anchor = new PtsAnchor(Pts.Modulo(timeline.FirstPts), timeline.FirstUnwrappedPts, timeline.FirstStreamTicks),
            LastMediaSequence = timing.MediaSequence,
            LastDurationTicks = duration,
            NextSegmentStartTicks = timeline.FirstStreamTicks + duration,
            LastFrameStreamTicks = lastFramePts is { } pts ? timeline.ToStreamTicks(pts) : null,
        };
    }
}
