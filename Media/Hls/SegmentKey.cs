namespace Glance.Media.Hls;

/// <summary>An EXT-X-KEY that encrypts the segments following it (METHOD=NONE is represented by no key at all).</summary>
public sealed record SegmentKey
{
    /// <summary>METHOD as written, for example "AES-128" or "SAMPLE-AES".</summary>
    public required string Method { get; init; }

    /// <summary>Absolute URI of the key.</summary>
    public Uri? Uri { get; init; }

    /// <summary>IV as written (a 0x-prefixed hex sequence); absent means the media sequence number is the IV.</summary>
    public string? Iv { get; init; }

    public string? KeyFormat { get; init; }

    public string? KeyFormatVersions { get; init; }
}
