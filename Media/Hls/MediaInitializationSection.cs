namespace Glance.Media.Hls;

/// <summary>An EXT-X-MAP: where to find the initialization section (for example an fMP4 "init.mp4") of the following segments.</summary>
public sealed record MediaInitializationSection
{
    public required Uri Uri { get; init; }

    /// <summary>The BYTERANGE attribute; an offset left out is taken as 0, the start of the resource.</summary>
    public ByteRange? ByteRange { get; init; }
}
