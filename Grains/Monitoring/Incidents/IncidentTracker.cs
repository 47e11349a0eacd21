namespace Glance.Grains.Monitoring.Incidents;

/// <summary>
/// Turns per-segment check results into incidents: a check that fails on <c>openAfter</c> segments in a row opens one,
/// and an open one closes after <c>closeAfter</c> passing segments in a row. A skipped check (switched off, not
/// expected now) or an error (the analysis could not tell) neither opens nor closes anything and does not break a
/// streak: it says nothing about the broadcast. Pure: the grain keeps it in memory and rebuilds it from the recorded
/// checks and incidents after an activation.
/// </summary>
public sealed class IncidentTracker(int openAfter, int closeAfter)
{
    private readonly Dictionary<MonitoringCheck, Streak> streaks = [];
    private readonly Dictionary<MonitoringCheck, MonitoringIncident> open = [];

    private int lastEpoch = int.MinValue;

    public long LastSequence { get; private set; } = -1;

    public long LastNumber { get; private set; }

    public IReadOnlyCollection<MonitoringIncident> Open => open.Values;

    /// <summary>Restores the incidents still open and the numbering, as recorded.</summary>
    public void Restore(IEnumerable<MonitoringIncident> recorded)
    {
        foreach (var incident in recorded)
        {
            LastNumber = Math.Max(LastNumber, incident.Number);
            if (incident.State == IncidentState.Open)
            {
                open[incident.Check] = incident;
            }
        }
    }

    /// <summary>The incidents a segment opens (dated from the first failing segment of the run) or closes, in check order; a segment at or before the last one seen (epoch, then sequence) changes nothing.</summary>
    public IReadOnlyList<MonitoringIncident> Apply(SegmentChecks segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        if (segment.Epoch < lastEpoch || (segment.Epoch == lastEpoch && segment.Sequence <= LastSequence))
        {
            return [];
        }

        lastEpoch = segment.Epoch;
        LastSequence = segment.Sequence;
        var changes = new List<MonitoringIncident>();
        foreach (var result in segment.Checks)
        {
            var streak = streaks.GetValueOrDefault(result.Check);
            streak = result.Status switch
            {
                CheckStatus.Fail when streak.Failing == 0 => new Streak(1, 0, result.Reason, segment.Sequence, segment.At),
                CheckStatus.Fail => streak with { Failing = streak.Failing + 1, Passing = 0 },
                CheckStatus.Pass => new Streak(0, streak.Passing + 1, null, null, null),
                _ => streak,
            };
            streaks[result.Check] = streak;

            if (streak.Failing >= openAfter && !open.ContainsKey(result.Check))
            {
                var opened = new MonitoringIncident(++LastNumber, result.Check, IncidentState.Open, streak.FirstSequence ?? segment.Sequence, streak.FirstAt ?? segment.At, null, null, streak.FirstReason ?? result.Reason, segment.ProgramId);
                open[result.Check] = opened;
                changes.Add(opened);
            }
            else if (streak.Passing >= closeAfter && open.Remove(result.Check, out var current))
            {
                changes.Add(current with { State = IncidentState.Closed, ClosedAtSequence = segment.Sequence, ClosedAt = segment.At });
            }
        }

        return changes;
    }

    /// <summary>A check's run of failing or passing segments; a failing run remembers where and why it began.</summary>
    private readonly record struct Streak(int Failing, int Passing, string? FirstReason, long? FirstSequence, DateTimeOffset? FirstAt);
}
