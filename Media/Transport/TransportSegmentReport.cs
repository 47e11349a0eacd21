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
    IReadOnlyList<TransportCue> Cues);
