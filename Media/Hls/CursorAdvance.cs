namespace Glance.Media.Hls;

/// <summary>The outcome of <see cref="SegmentCursor.Advance"/>: what to hand over, what was lost, and the next cursor.</summary>
public sealed record CursorAdvance
{
    /// <summary>Segments not handed over before, in playlist order.</summary>
    public required IReadOnlyList<HandedSegment> Segments { get; init; }

    /// <summary>Segments that left the window before they could be handed over, if any.</summary>
    public SegmentGap? Gap { get; init; }

    /// <summary>Set when the stream restarted; <see cref="Segments"/> then belong to the new epoch.</summary>
    public CursorRestart? Restart { get; init; }

    /// <summary>Media sequence numbers of handed-over segments that start a discontinuity.</summary>
    public IReadOnlyList<long> Discontinuities { get; init; } = [];

    /// <summary>
    /// Segments deliberately passed over because a new (or restarted) cursor starts at the live edge: not a gap.
    /// </summary>
    public int SkippedAtStart { get; init; }

    /// <summary>The playlist is older than what was already handed over (a lagging cache); nothing in it is new.</summary>
    public bool Stale { get; init; }

    /// <summary>The cursor to persist once the segments are safely handed over.</summary>
    public required SegmentCursor Next { get; init; }
}
