namespace Glance.Media.Transport;

/// <summary>Per-check results of one segment; property names follow the <c>transport.errors</c> JSON object.</summary>
public sealed record TransportErrors(
    TransportCheckResult SyncLoss,
    TransportCheckResult SyncByte,
    TransportCheckResult Pat,
    TransportCheckResult Continuity,
    TransportCheckResult Pmt,
    TransportCheckResult Pid,
    TransportCheckResult Transport,
    TransportCheckResult Crc,
    TransportCheckResult PcrRepetition,
    TransportCheckResult PcrDiscontinuity,
    TransportCheckResult Pts)
{
    public TransportCheckResult this[TransportCheck check] => check switch
    {
        TransportCheck.SyncLoss => SyncLoss,
        TransportCheck.SyncByte => SyncByte,
        TransportCheck.Pat => Pat,
        TransportCheck.Continuity => Continuity,
        TransportCheck.Pmt => Pmt,
        TransportCheck.Pid => Pid,
        TransportCheck.Transport => Transport,
        TransportCheck.Crc => Crc,
        TransportCheck.PcrRepetition => PcrRepetition,
        TransportCheck.PcrDiscontinuity => PcrDiscontinuity,
        TransportCheck.Pts => Pts,
        _ => throw new ArgumentOutOfRangeException(nameof(check), check, "Unknown transport check."),
    };

    public int Priority1Count => SyncLoss.Count + SyncByte.Count + Pat.Count + Continuity.Count + Pmt.Count + Pid.Count;

    public int Priority2Count => Transport.Count + Crc.Count + PcrRepetition.Count + PcrDiscontinuity.Count + Pts.Count;

    public int TotalCount => Priority1Count + Priority2Count;
}
