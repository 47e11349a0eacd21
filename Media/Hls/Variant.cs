namespace Glance.Media.Hls;

/// <summary>One EXT-X-STREAM-INF (or EXT-X-I-FRAME-STREAM-INF) entry of a master playlist.</summary>
public sealed record Variant
{
    /// <summary>Absolute URI of the variant's media playlist.</summary>
    public required Uri Uri { get; init; }

    /// <summary>BANDWIDTH: peak bits per second; 0 when the playlist gave none (a warning says so).</summary>
    public required long Bandwidth { get; init; }

    /// <summary>AVERAGE-BANDWIDTH, when present.</summary>
    public long? AverageBandwidth { get; init; }

    public Resolution? Resolution { get; init; }

    /// <summary>CODECS as written (comma-separated RFC 6381 formats).</summary>
    public string? Codecs { get; init; }

    /// <summary>FRAME-RATE, when present.</summary>
    public double? FrameRate { get; init; }

    /// <summary>HDCP-LEVEL, when present.</summary>
    public string? HdcpLevel { get; init; }

    /// <summary>AUDIO rendition group id.</summary>
    public string? Audio { get; init; }

    /// <summary>VIDEO rendition group id.</summary>
    public string? Video { get; init; }

    /// <summary>SUBTITLES rendition group id.</summary>
    public string? Subtitles { get; init; }

    /// <summary>CLOSED-CAPTIONS rendition group id, or "NONE" exactly as written when the variant has none.</summary>
    public string? ClosedCaptions { get; init; }

    /// <summary>True for EXT-X-I-FRAME-STREAM-INF entries.</summary>
    public bool IFramesOnly { get; init; }
}
