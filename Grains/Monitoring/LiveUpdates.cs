namespace Glance.Grains.Monitoring;

/// <summary>The live feed's records, cut from what the monitor records: statuses without their per-frame evidence.</summary>
public static class LiveUpdates
{
    public static LiveMonitorUpdate Segment(string eventId, SegmentChecks checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        return new LiveMonitorUpdate(
            LiveUpdateKind.Segment,
            eventId,
            checks.Sequence,
            checks.ProgramId,
            checks.ProgramTitle,
            [.. checks.Checks.Select(c => new LiveCheckStatus(c.Check, c.Status, c.Reason))],
            null,
            checks.EvaluatedAt);
    }

    public static LiveMonitorUpdate Incident(string eventId, MonitoringIncident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return new LiveMonitorUpdate(
            LiveUpdateKind.Incident,
            eventId,
            incident.ClosedAtSequence ?? incident.OpenedAtSequence,
            incident.ProgramId,
            null,
            [],
            incident,
            incident.ClosedAt ?? incident.OpenedAt ?? DateTimeOffset.UnixEpoch);
    }
}
