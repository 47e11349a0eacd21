namespace Glance.Media.Timing;

/// <summary>
/// The plan for mapping one segment's timestamps before its first timestamp is known: ffmpeg evaluates the same rule in its
/// frame-selection expression (see Glance.Media.Frames.FrameSelectExpression), and <see cref="Resolve"/> applies it in C#
/// once the first frame has been seen. Both must agree to the tick, so the rule lives here once, as data.
/// </summary>
public sealed record SegmentClock
{
    /// <summary>Epoch of the segment when its timestamps continue the reference (or when there is no reference).</summary>
    public required int Epoch { get; init; }

    /// <summary>The break to report when the reference holds (None, Start) or when there is none (the planned break).</summary>
    public required TimelineBreak Break { get; init; }

    /// <summary>When set, the first frame's stream time is taken from its distance to this anchor, if that distance lies
    /// within [<see cref="MinDistanceTicks"/>, <see cref="MaxDistanceTicks"/>].</summary>
    public PtsAnchor? Reference { get; init; }

    public long MinDistanceTicks { get; init; }

    public long MaxDistanceTicks { get; init; }

    /// <summary>Stream time of the first frame when the reference is absent or does not hold: by PROGRAM-DATE-TIME, else by
    /// accumulated EXTINF.</summary>
    public required long FallbackStartTicks { get; init; }

    public DateTimeOffset? ProgramDateTime { get; init; }

    public DateTimeOffset? WallClockAtZero { get; init; }

    /// <summary>Stream time of the first frame whose timestamp is <paramref name="firstPts"/>.</summary>
    public long FirstStreamTicks(long firstPts) => ContinuesReference(firstPts, out var distance)
        ? Reference!.StreamTicks + distance
        : FallbackStartTicks;

    public SegmentTimeline Resolve(long firstPts)
    {
        long streamTicks;
        long unwrapped;
        int epoch;
        TimelineBreak timelineBreak;
        if (ContinuesReference(firstPts, out var distance))
        {
            streamTicks = Reference!.StreamTicks + distance;
            unwrapped = Reference.UnwrappedPts + distance;
            epoch = Epoch;
            timelineBreak = Break;
        }
        else
        {
            streamTicks = FallbackStartTicks;
            unwrapped = Pts.Modulo(firstPts);
            epoch = Reference is null ? Epoch : Epoch + 1;
            timelineBreak = Reference is null ? Break : TimelineBreak.PtsJump;
        }

        var wallClockAtZero = WallClockAtZero ?? (ProgramDateTime is { } date ? date - Pts.ToTimeSpan(streamTicks) : null);
        return new SegmentTimeline(firstPts, unwrapped, streamTicks, epoch, timelineBreak, ProgramDateTime, wallClockAtZero);
    }

    private bool ContinuesReference(long firstPts, out long distance)
    {
        if (Reference is null)
        {
            distance = 0;
            return false;
        }

        distance = Pts.WrapDistance(Reference.Pts, firstPts);
        return distance >= MinDistanceTicks && distance <= MaxDistanceTicks;
    }
}
