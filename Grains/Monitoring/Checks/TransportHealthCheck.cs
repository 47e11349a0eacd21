using Glance.Media.Transport;

namespace Glance.Grains.Monitoring.Checks;

/// <summary>
/// TR 101 290 priority 1 (sync loss, sync byte, PAT, continuity count, PMT, PID) clean in the segment. PAT and PMT are
/// judged by the event's rule: at TR 101 290's 500 ms intervals across segments when
/// <see cref="EffectiveThresholds.ContinuousPsi"/> is set, otherwise (the default, for HLS) the segment must carry its own
/// PAT and PMT, as RFC 8216 section 3.2 requires; a stream that repeats them only once per segment is then clean.
/// </summary>
public sealed class TransportHealthCheck : ISegmentCheck
{
    private static readonly string[] PsiRepetition =
        [TransportReportJson.JsonName(TransportCheck.Pat), TransportReportJson.JsonName(TransportCheck.Pmt)];

    private static readonly string[] PriorityOne =
    [
        .. new[] { TransportCheck.SyncLoss, TransportCheck.SyncByte, TransportCheck.Pat, TransportCheck.Continuity, TransportCheck.Pmt, TransportCheck.Pid }
            .Select(TransportReportJson.JsonName),
    ];

    public MonitoringCheck Check => MonitoringCheck.Transport;

    public CheckResult Evaluate(SegmentCheckContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Segment.Transport is not { } transport)
        {
            return CheckResults.Skipped(Check, "The segment is not an MPEG transport stream (nothing to check).", Expected(context.Thresholds));
        }

        // Results recorded before PSI presence was measured fall back to the interval counts.
        var perSegment = !context.Thresholds.ContinuousPsi && transport.CarriesPsi is not null;
        var errors = PriorityOne
            .Where(name => transport.Errors.ContainsKey(name) && !(perSegment && PsiRepetition.Contains(name)))
            .Select(name => $"{name} {transport.Errors[name]}")
            .ToList();
        if (perSegment && transport.CarriesPsi == false)
        {
            errors.Add("no PAT and PMT in the segment");
        }

        return CheckResults.Judged(
            Check,
            errors.Count == 0,
            errors.Count == 0 ? $"{transport.Packets} packets, no priority 1 error." : $"Priority 1 errors in {transport.Packets} packets: {string.Join(", ", errors)}.",
            Expected(context.Thresholds),
            errors.Count == 0 ? "clean" : string.Join(", ", errors),
            0);
    }

    private static string Expected(EffectiveThresholds thresholds) => thresholds.ContinuousPsi
        ? "TR 101 290 priority 1 clean"
        : "TR 101 290 priority 1 clean, PAT and PMT in every segment (RFC 8216)";
}
