namespace Glance.Grains.Monitoring.Checks;

/// <summary>Captions (CEA-608/708 in the video, as the signal analysis reports them) where the program expects them.</summary>
public sealed class CaptionsCheck : ISegmentCheck
{
    public MonitoringCheck Check => MonitoringCheck.Captions;

    public CheckResult Evaluate(SegmentCheckContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Program is not { Captions: true })
        {
            return CheckResults.Skipped(Check, context.Program is null ? "No program is scheduled." : "The program expects no captions.");
        }

        if (context.Segment.Signals is not { } signals)
        {
            return CheckResults.Error(Check, "The segment has no signal analysis.", "captions");
        }

        return CheckResults.Judged(
            Check,
            signals.Captions,
            signals.Captions ? "Captions present." : "The program expects captions; the segment carries none.",
            "captions",
            signals.Captions ? "captions" : "none",
            null);
    }
}
