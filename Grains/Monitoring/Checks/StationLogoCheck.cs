namespace Glance.Grains.Monitoring.Checks;

/// <summary>The scheduled station logo is on screen in at least <see cref="EffectiveThresholds.LogoMinShare"/> of the sampled frames.</summary>
public sealed class StationLogoCheck : ISegmentCheck
{
    public MonitoringCheck Check => MonitoringCheck.StationLogo;

    public CheckResult Evaluate(SegmentCheckContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Program?.StationLogo is not { } logo)
        {
            return CheckResults.Skipped(Check, context.Program is null ? "No program is scheduled." : "The program expects no station logo.");
        }

        return FrameShare.Evaluate(context, Check, logo, context.Thresholds.LogoMinShare, "logos", frame =>
            FrameShare.Best(frame, "logo", logo) is { } seen
                ? new FrameScore(1, seen.Name, seen.Confidence)
                : new FrameScore(0, FrameShare.Names(frame, "logo"), null));
    }
}
