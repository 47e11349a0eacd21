namespace Glance.Grains.Monitoring.Checks;

/// <summary>One family's evaluator: pure (no I/O, no clock), judging a segment from what its analysis carries.</summary>
public interface ISegmentCheck
{
    MonitoringCheck Check { get; }

    CheckResult Evaluate(SegmentCheckContext context);
}
