namespace Glance.Media.Hls;

/// <summary>One media segment (RFC 8216 section 3) with every tag that applies to it resolved.</summary>
public sealed record MediaSegment
{
    /// <summary>Absolute URI of the segment (resolved against the playlist URL).</summary>
    public required Uri Uri { get; init; }

    /// <summary>EXTINF duration in seconds.</summary>
    public required double Duration { get; init; }

    /// <summary>EXTINF title, when one was written.</summary>
    public string? Title { get; init; }

    /// <summary>Absolute media sequence number: EXT-X-MEDIA-SEQUENCE plus the segment's position.</summary>
    public required long MediaSequence { get; init; }

    /// <summary>Absolute discontinuity sequence number: EXT-X-DISCONTINUITY-SEQUENCE plus the EXT-X-DISCONTINUITY tags so far.</summary>
    public required long DiscontinuitySequence { get; init; }

    /// <summary>An EXT-X-DISCONTINUITY tag precedes this segment.</summary>
    public bool Discontinuity { get; init; }

    /// <summary>
    /// Wall-clock time of the segment's first sample: from its own EXT-X-PROGRAM-DATE-TIME, or carried forward from the
    /// last one by the durations in between. Never carried across a discontinuity (see <see cref="PlaylistParser"/>).
    /// </summary>
    public DateTimeOffset? ProgramDateTime { get; init; }

    /// <summary>True when <see cref="ProgramDateTime"/> came from a tag on this segment rather than being carried forward.</summary>
    public bool ProgramDateTimeTagged { get; init; }

    /// <summary>EXT-X-BYTERANGE with its offset made explicit, when the segment is a sub-range of its resource.</summary>
    public ByteRange? ByteRange { get; init; }

    /// <summary>The EXT-X-KEY in force, or null when segments are not encrypted (no key or METHOD=NONE).</summary>
    public SegmentKey? Key { get; init; }

    /// <summary>The EXT-X-MAP in force, when there is one.</summary>
    public MediaInitializationSection? Map { get; init; }

    /// <summary>EXT-X-GAP: the segment is missing and must not be loaded.</summary>
    public bool Gap { get; init; }

    /// <summary>SCTE-35 cue tags that apply to this segment, in the order written.</summary>
    public IReadOnlyList<Cue> Cues { get; init; } = [];
}
