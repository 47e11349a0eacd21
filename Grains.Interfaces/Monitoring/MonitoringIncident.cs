namespace Glance.Grains.Interfaces.Monitoring;

/// <summary>
/// A check that failed on consecutive segments: opened after <c>Monitoring:IncidentOpenAfter</c> failing segments in a
/// row, closed after <c>Monitoring:IncidentCloseAfter</c> passing ones. Numbered per event, in the order they opened.
/// </summary>
/// <param name="Reason">The reason the segment that opened it gave.</param>
/// <param name="ProgramId">The program on air when it opened.</param>
[GenerateSerializer, Immutable, Alias("glance.monitoring.incident")]
public sealed record MonitoringIncident(
    long Number,
    MonitoringCheck Check,
    IncidentState State,
    long OpenedAtSequence,
    DateTimeOffset? OpenedAt,
    long? ClosedAtSequence,
    DateTimeOffset? ClosedAt,
    string Reason,
    string? ProgramId);

public enum IncidentState
{
    Open,
    Closed,
}
