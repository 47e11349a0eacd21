using Glance.Grains.Monitoring.Checks;

namespace Glance.Grains.Monitoring;

/// <summary>
/// Runs every check on one segment: finds the program on air by the segment's program date-time (else the event
/// start plus its stream time), resolves switches and thresholds (service, event, program), and records a result for
/// every check, switched-off ones as skipped. Pure: the same inputs give the same results.
/// </summary>
public sealed class SegmentEvaluator(MonitoringOptions defaults)
{
    private static readonly ISegmentCheck[] Checks =
    [
        new StationLogoCheck(), new SportCheck(), new TeamsCheck(), new AudioCheck(), new LoudnessCheck(),
        PictureCheck.Black, PictureCheck.Freeze, new TransportHealthCheck(), new BreakCueCheck(), new CaptionsCheck(),
    ];

    private readonly EffectiveThresholds baseline = defaults.Defaults();

    /// <param name="schedule">Validated programs in time order.</param>
    public SegmentChecks Evaluate(SegmentAnalysisResult segment, IReadOnlyList<ScheduledProgram> schedule, CheckSettings? eventSettings, DateTimeOffset? eventStart, DateTimeOffset evaluatedAt)
    {
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentNullException.ThrowIfNull(schedule);
        var at = segment.ProgramDateTime ?? (eventStart is { } start && segment.StreamStart is { } position ? start.AddSeconds(position) : null);
        var program = at is { } instant ? ProgramLookup.At(schedule, instant) : null;
        var enabled = CheckSwitches.Enabled(defaults.Disabled, eventSettings, program?.Checks);
        var context = new SegmentCheckContext(segment, program, at, baseline.With(eventSettings?.Thresholds).With(program?.Checks?.Thresholds));
        var results = new CheckResult[Checks.Length];
        for (var i = 0; i < Checks.Length; i++)
        {
            var check = Checks[i];
            results[i] = !enabled.Contains(check.Check)
                ? CheckResults.Skipped(check.Check, program?.Checks?.Disabled?.Contains(check.Check) == true ? "Switched off for this program." : "Switched off for this event.")
                : segment.Outcome == SegmentOutcome.Failed
                    ? CheckResults.Error(check.Check, "The segment's analysis failed: " + (segment.FailureReason ?? "no reason given"))
                    : check.Evaluate(context);
        }

        return new SegmentChecks(segment.MediaSequence, segment.Epoch, at, program?.Id, program?.Title, results, evaluatedAt);
    }
}
