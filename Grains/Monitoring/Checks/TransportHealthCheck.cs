using Glance.Grains.Interfaces.Monitoring;
using Glance.Media.Transport;

namespace Glance.Grains.Monitoring.Checks;

/// <summary>TR 101 290 priority 1 (sync loss, sync byte, PAT, continuity count, PMT, PID) clean in the segment.</summary>
public sealed class TransportHealthCheck : ISegmentCheck
{
    private static readonly string[] PriorityOne =
    [
        .. new[] { TransportCheck.SyncLoss, TransportCheck.SyncByte, TransportCheck.Pat, TransportCheck.Continuity, TransportCheck.Pmt, TransportCheck.Pid }
            .Select(TransportReportJson.JsonName),
    ];

    public MonitoringCheck Check => MonitoringCheck.Transport;

    public CheckResult Evaluate(SegmentCheckContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        const string expected = "TR 101 290 priority 1 clean";
        if (context.Segment.Transport is not { } transport)
        {
            return CheckResults.Skipped(Check, "The segment is not an MPEG transport stream (nothing to check).", expected);
        }

        var errors = PriorityOne.Where(transport.Errors.ContainsKey).Select(name => $"{name} {transport.Errors[name]}").ToList();
        return CheckResults.Judged(
            Check,
            errors.Count == 0,
            errors.Count == 0 ? $"{transport.Packets} packets, no priority 1 error." : $"Priority 1 errors in {transport.Packets} packets: {string.Join(", ", errors)}.",
            expected,
            errors.Count == 0 ? "clean" : string.Join(", ", errors),
            0);
    }
}
