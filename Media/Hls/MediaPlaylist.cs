namespace Glance.Media.Hls;

/// <summary>A media playlist: the segments of one rendition, with their absolute sequence numbers already worked out.</summary>
public sealed record MediaPlaylist : Playlist
{
    /// <summary>EXT-X-TARGETDURATION in seconds.</summary>
    public required int TargetDuration { get; init; }

    /// <summary>EXT-X-MEDIA-SEQUENCE (0 when absent, as RFC 8216 section 4.3.3.2 says).</summary>
    public required long MediaSequence { get; init; }

    /// <summary>EXT-X-DISCONTINUITY-SEQUENCE (0 when absent, as RFC 8216 section 4.3.3.3 says).</summary>
    public required long DiscontinuitySequence { get; init; }

    /// <summary>EXT-X-ENDLIST: no more segments will be added.</summary>
    public bool EndList { get; init; }

    /// <summary>EXT-X-PLAYLIST-TYPE, when present.</summary>
    public PlaylistType? PlaylistType { get; init; }

    /// <summary>EXT-X-I-FRAMES-ONLY.</summary>
    public bool IFramesOnly { get; init; }

    /// <summary>EXT-X-SERVER-CONTROL (low-latency HLS), when present.</summary>
    public ServerControl? ServerControl { get; init; }

    /// <summary>EXT-X-PART-INF PART-TARGET in seconds, when present. Partial segments themselves are not kept.</summary>
    public double? PartTargetDuration { get; init; }

    /// <summary>EXT-X-SKIP SKIPPED-SEGMENTS of a delta update: sequence numbers that were skipped, not listed.</summary>
    public long SkippedSegments { get; init; }

    /// <summary>Segments in playlist order; each carries its absolute media and discontinuity sequence numbers.</summary>
    public required IReadOnlyList<MediaSegment> Segments { get; init; }

    /// <summary>EXT-X-DATERANGE tags in playlist order.</summary>
    public required IReadOnlyList<DateRange> DateRanges { get; init; }

    /// <summary>Sum of the segment durations, in seconds.</summary>
    public double TotalDuration
    {
        get
        {
            var total = 0.0;
            foreach (var segment in Segments)
            {
                total += segment.Duration;
            }

            return total;
        }
    }
}
