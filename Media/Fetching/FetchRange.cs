namespace Glance.Media.Fetching;

/// <summary><see cref="Length"/> bytes of a resource starting at <see cref="Offset"/> (an HLS EXT-X-BYTERANGE).</summary>
public readonly record struct FetchRange(long Offset, long Length)
{
    /// <summary>The last byte's offset, as an HTTP Range header writes it.</summary>
    public long LastByte => Offset + Length - 1;
}
