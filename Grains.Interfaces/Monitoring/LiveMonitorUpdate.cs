namespace Glance.Grains.Interfaces.Monitoring;

/// <summary>
/// What the live dashboard needs of one monitoring change, small enough to fan out to every open feed: a checked
/// segment (the program on air and each check's status) or an incident that opened or closed. Published by the
/// event's monitor grain on the tenant's <c>monitor-live</c> stream.
/// </summary>
/// <param name="Sequence">The segment's media sequence (for an incident: the segment that opened or closed it).</param>
/// <param name="Checks">Each check's status on the segment; empty for an incident change.</param>
/// <param name="Incident">The incident as it now stands; null for a segment.</param>
[GenerateSerializer, Immutable, Alias("glance.monitoring.live-update")]
public sealed record LiveMonitorUpdate(
    LiveUpdateKind Kind,
    string EventId,
    long Sequence,
    string? ProgramId,
    string? ProgramTitle,
    IReadOnlyList<LiveCheckStatus> Checks,
    MonitoringIncident? Incident,
    DateTimeOffset At);

/// <summary>One check's status on a segment, without its per-frame evidence (the segment endpoint has that).</summary>
[GenerateSerializer, Immutable, Alias("glance.monitoring.live-check")]
public sealed record LiveCheckStatus(MonitoringCheck Check, CheckStatus Status, string Reason);

public enum LiveUpdateKind
{
    Segment,
    Incident,
}
