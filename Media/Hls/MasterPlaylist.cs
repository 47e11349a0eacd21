namespace Glance.Media.Hls;

/// <summary>A master (multivariant) playlist: the variants of one presentation and their alternative renditions.</summary>
public sealed record MasterPlaylist : Playlist
{
    /// <summary>EXT-X-STREAM-INF entries, in playlist order.</summary>
    public required IReadOnlyList<Variant> Variants { get; init; }

    /// <summary>EXT-X-I-FRAME-STREAM-INF entries, in playlist order.</summary>
    public required IReadOnlyList<Variant> IFrameVariants { get; init; }

    /// <summary>EXT-X-MEDIA entries, in playlist order.</summary>
    public required IReadOnlyList<Rendition> Renditions { get; init; }
}
