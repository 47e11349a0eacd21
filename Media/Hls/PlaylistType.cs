namespace Glance.Media.Hls;

/// <summary>EXT-X-PLAYLIST-TYPE.</summary>
public enum PlaylistType
{
    /// <summary>Segments may be added at the end, never removed.</summary>
    Event,

    /// <summary>The playlist never changes.</summary>
    Vod,
}
