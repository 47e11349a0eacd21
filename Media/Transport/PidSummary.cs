namespace Glance.Media.Transport;

/// <summary>
/// One PID as seen in a segment. PTS values are raw 33-bit 90 kHz values from the PES headers: first and last in stream
/// order, and the smallest and largest (useful with B-frames, where presentation order differs from stream order).
/// </summary>
public sealed record PidSummary(
    int Pid,
    PidKind Kind,
    int? StreamType,
    long Packets,
    int PtsCount,
    long? FirstPts,
    long? LastPts,
    long? MinPts,
    long? MaxPts);

public enum PidKind
{
    Unreferenced,
    Pat,
    Pmt,
    Psi,
    Video,
    Audio,
    Scte35,
    OtherElementary,
}
