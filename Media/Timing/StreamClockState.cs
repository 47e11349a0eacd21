namespace Glance.Media.Timing;

/// <summary>
/// Everything <see cref="StreamClock"/> remembers between segments of one stream. A plain record of numbers so a grain can
/// persist it as is; create the first one with <see cref="StreamClock.Start"/>.
/// </summary>
public sealed record StreamClockState
{
    /// <summary>Counts timestamp timelines: a new epoch begins at every discontinuity, timestamp jump and restart.</summary>
    public int Epoch { get; init; }

    /// <summary>Before the first segment: the PTS that is stream time zero, when known.</summary>
    public long? EventStartPts { get; init; }

    /// <summary>Wall-clock time at stream time zero: given, or learned from the first PROGRAM-DATE-TIME.</summary>
    public DateTimeOffset? WallClockAtZero { get; init; }

    /// <summary>The first frame of the previous segment; null before the first segment.</summary>
    public PtsAnchor? Anchor { get; init; }

    public long? LastMediaSequence { get; init; }

    /// <summary>EXTINF of the previous segment, in 90 kHz ticks.</summary>
    public long LastDurationTicks { get; init; }

    /// <summary>Where the next segment should start by accumulated EXTINF (previous start + previous EXTINF).</summary>
    public long NextSegmentStartTicks { get; init; }

    /// <summary>Stream time of the previous segment's last frame, so frame sampling continues across segments.</summary>
    public long? LastFrameStreamTicks { get; init; }
}
