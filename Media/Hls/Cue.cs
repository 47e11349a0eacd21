namespace Glance.Media.Hls;

/// <summary>
/// An SCTE-35 ad marker as the playlist wrote it. Only the tag's own view is kept here (kind, durations, raw
/// splice_info_section bytes); decoding the bytes is the SCTE-35 decoder's job.
/// </summary>
public sealed record Cue
{
    public required CueKind Kind { get; init; }

    /// <summary>Which tag form carried the cue.</summary>
    public required CueSource Source { get; init; }

    /// <summary>Break duration in seconds, as written in the tag.</summary>
    public double? Duration { get; init; }

    /// <summary>Seconds already elapsed in the break (EXT-X-CUE-OUT-CONT and EXT-X-SCTE35 ELAPSED).</summary>
    public double? Elapsed { get; init; }

    /// <summary>DATERANGE ID or EXT-X-SCTE35 ID, when the tag has one.</summary>
    public string? Id { get; init; }

    /// <summary>The splice_info_section bytes (decoded from 0x-hex or base64), when the tag carried them.</summary>
    public ReadOnlyMemory<byte>? Scte35 { get; init; }
}
