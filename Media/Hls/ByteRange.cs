namespace Glance.Media.Hls;

/// <summary>A sub-range of a resource: <see cref="Length"/> bytes starting at byte <see cref="Offset"/>.</summary>
/// <remarks>The offset is always explicit here: an EXT-X-BYTERANGE written without one continues the previous sub-range.</remarks>
public readonly record struct ByteRange(long Length, long Offset)
{
    /// <summary>Offset of the first byte after the range.</summary>
    public long End => Offset + Length;
}
