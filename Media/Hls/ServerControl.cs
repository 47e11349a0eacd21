namespace Glance.Media.Hls;

/// <summary>EXT-X-SERVER-CONTROL (low-latency HLS, RFC 8216bis). Kept for information; parts are not followed.</summary>
public sealed record ServerControl
{
    public double? CanSkipUntil { get; init; }

    public bool CanSkipDateRanges { get; init; }

    /// <summary>HOLD-BACK in seconds: how far from the live edge the server recommends to start.</summary>
    public double? HoldBack { get; init; }

    public double? PartHoldBack { get; init; }

    public bool CanBlockReload { get; init; }
}
