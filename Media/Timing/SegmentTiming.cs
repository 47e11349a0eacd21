namespace Glance.Media.Timing;

/// <summary>What the media playlist says about one segment (RFC 8216 section 4.4.4).</summary>
/// <param name="MediaSequence">The segment's media sequence number.</param>
/// <param name="Duration">EXTINF duration in seconds.</param>
public sealed record SegmentTiming(long MediaSequence, double Duration)
{
    /// <summary>EXT-X-PROGRAM-DATE-TIME of the segment's first sample, when the playlist carries it.</summary>
    public DateTimeOffset? ProgramDateTime { get; init; }

    /// <summary>EXT-X-DISCONTINUITY precedes the segment: its timestamps need not continue the previous ones.</summary>
    public bool Discontinuity { get; init; }

    /// <summary>The caller knows the stream restarted (for example a new playlist cursor epoch). A media sequence that goes
    /// backwards is recognised as a restart without it.</summary>
    public bool Restart { get; init; }
}
