namespace Glance.Media.Hls;

/// <summary>How a <see cref="SegmentCursor"/> starts, and how it recognises a restarted stream.</summary>
public sealed record SegmentCursorOptions
{
    public static SegmentCursorOptions Default { get; } = new();

    /// <summary>Where a brand-new cursor starts.</summary>
    public CursorStartPosition Start { get; init; } = CursorStartPosition.LiveEdge;

    /// <summary>
    /// Where a cursor starts in a restarted stream. Every segment of the new stream is new content, so by default none
    /// is passed over.
    /// </summary>
    public CursorStartPosition StartAfterRestart { get; init; } = CursorStartPosition.FirstInWindow;

    /// <summary>
    /// For <see cref="CursorStartPosition.LiveEdge"/>: start at the last segment that begins at least this many target
    /// durations before the end of the playlist (RFC 8216 section 6.3.3 says three).
    /// </summary>
    public double LiveEdgeTargetDurations { get; init; } = 3;

    /// <summary>Use EXT-X-SERVER-CONTROL HOLD-BACK instead of <see cref="LiveEdgeTargetDurations"/> when the server gives one.</summary>
    public bool UseServerHoldBack { get; init; } = true;

    /// <summary>How many of the last handed-over segments the cursor remembers to tell a stale playlist from a restart.</summary>
    public int RememberedSegments { get; init; } = 8;

    /// <summary>What must match for a remembered sequence number to still name the same segment.</summary>
    public SegmentIdentity Identity { get; init; } = SegmentIdentity.Path;

    /// <summary>
    /// How far the program date-time of a remembered segment may move between reloads before the stream counts as
    /// restarted. Null: one target duration, at least one second.
    /// </summary>
    public TimeSpan? ProgramDateTimeTolerance { get; init; }
}
