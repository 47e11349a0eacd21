namespace Glance.Media.Timing;

/// <summary>
/// How one segment's timestamps map to the event: stream time is linear in the timestamp within a segment (ffmpeg unwraps a
/// wrap that falls inside it), anchored at the segment's first frame.
/// </summary>
/// <param name="FirstPts">The first frame's timestamp as the demuxer reported it (may be shifted by a multiple of 2^33).</param>
/// <param name="FirstUnwrappedPts">The first frame's timestamp counted without wrapping since the epoch began.</param>
/// <param name="FirstStreamTicks">Stream time of the first frame, in 90 kHz ticks.</param>
/// <param name="ProgramDateTime">The segment's PROGRAM-DATE-TIME (applies to its first frame), if any.</param>
/// <param name="WallClockAtZero">Wall-clock time at stream time zero, if known.</param>
public sealed record SegmentTimeline(
    long FirstPts,
    long FirstUnwrappedPts,
    long FirstStreamTicks,
    int Epoch,
    TimelineBreak Break,
    DateTimeOffset? ProgramDateTime,
    DateTimeOffset? WallClockAtZero)
{
    public long ToStreamTicks(long pts) => FirstStreamTicks + (pts - FirstPts);

    public long ToUnwrappedPts(long pts) => FirstUnwrappedPts + (pts - FirstPts);

    public double ToStreamSeconds(long pts) => Pts.ToSeconds(ToStreamTicks(pts));

    /// <summary>
    /// Wall clock through the segment's own PROGRAM-DATE-TIME when it has one (it is the freshest), else through the
    /// event's wall clock at stream time zero; null when the playlist never carried a date.
    /// </summary>
    public DateTimeOffset? ToWallClock(long streamTicks)
    {
        if (ProgramDateTime is { } date)
        {
            return date + Pts.ToTimeSpan(streamTicks - FirstStreamTicks);
        }

        return WallClockAtZero is { } zero ? zero + Pts.ToTimeSpan(streamTicks) : null;
    }
}
