namespace Glance.Grains.Monitoring.Checks;

/// <summary>The scheduled sport is recognized in at least <see cref="EffectiveThresholds.SportMinShare"/> of the sampled frames; never during news.</summary>
public sealed class SportCheck : ISegmentCheck
{
    public MonitoringCheck Check => MonitoringCheck.Sport;

    public CheckResult Evaluate(SegmentCheckContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.NotForSport("sport is") is { } reason)
        {
            return CheckResults.Skipped(Check, reason);
        }

        if (context.Program!.Sport is not { } sport)
        {
            return CheckResults.Skipped(Check, "The program expects no sport.");
        }

        return FrameShare.Evaluate(context, Check, sport, context.Thresholds.SportMinShare, "sport", frame =>
            FrameShare.Best(frame, "sport", sport) is { } seen
                ? new FrameScore(1, seen.Name, seen.Confidence)
                : new FrameScore(0, FrameShare.Names(frame, "sport"), null));
    }
}
