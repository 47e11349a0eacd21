namespace Glance.Media.Images;

/// <summary>Bounds on an image to decode, so an upload cannot exhaust memory (a "decompression bomb").</summary>
/// <param name="MaxEncodedBytes">Largest accepted file.</param>
/// <param name="MaxSourcePixels">Largest accepted picture before scaling; ffmpeg refuses bigger ones itself.</param>
/// <param name="MaxLongSide">When set, the decoded picture is scaled down so its longest side is at most this.</param>
public sealed record ImageDecodeLimits(int MaxEncodedBytes = 10 * 1024 * 1024, int MaxSourcePixels = 40_000_000, int? MaxLongSide = null)
{
    public static ImageDecodeLimits Default { get; } = new();
}
