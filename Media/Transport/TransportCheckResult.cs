namespace Glance.Media.Transport;

/// <summary>
/// How often one check failed in a segment, and where it failed first: the byte offset of the packet within the segment,
/// and the stream clock there in seconds (PCR base on the 33-bit 90 kHz timeline; the last PTS seen when the stream has
/// not yet carried a PCR; null when neither is known yet).
/// </summary>
public sealed record TransportCheckResult(int Count, long? FirstOffset, double? FirstTime)
{
    public static TransportCheckResult None { get; } = new(0, null, null);
}
