namespace Glance.Media.Hls;

/// <summary>EXT-X-MEDIA TYPE.</summary>
public enum RenditionType
{
    Audio,
    Video,
    Subtitles,
    ClosedCaptions,
}
