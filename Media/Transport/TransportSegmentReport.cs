namespace Glance.Media.Transport;

/// <summary>The result of analysing one segment with a <see cref="TransportStreamAnalyzer"/>.</summary>
/// <param name="Packets">Packets analysed (in sync), null packets included.</param>
/// <param name="UnsyncedBytes">Bytes skipped while searching for sync.</param>
/// <param name="TrailingBytes">Bytes after the last whole packet (a segment should end on a packet boundary).</param>
/// <param name="PcrPid">The PID whose PCR is the stream clock, when known.</param>
public sealed record TransportSegmentReport(
    long Packets,
    TransportErrors Errors,
    long UnsyncedBytes,
    int TrailingBytes,
    int? PcrPid,
    IReadOnlyList<PidSummary> Pids,
    IReadOnlyList<TransportCue> Cues)
{
    /// <summary>PAT sections with a correct CRC in this segment.</summary>
    public int PatSections { get; init; }

    /// <summary>PMT sections with a correct CRC in this segment.</summary>
    public int PmtSections { get; init; }

    /// <summary>
    /// Whether the segment carries its own PAT and PMT, as RFC 8216 section 3.2 requires of every transport stream
    /// segment without EXT-X-MAP: all an HLS player needs, whatever the repetition across segments.
    /// </summary>
    public bool CarriesPsi => PatSections > 0 && PmtSections > 0;
}
