namespace Glance.Grains.Monitoring.Checks;

/// <summary>An audio stream is present and no silence in the segment lasts longer than <see cref="EffectiveThresholds.MaxSilenceSeconds"/>.</summary>
public sealed class AudioCheck : ISegmentCheck
{
    public MonitoringCheck Check => MonitoringCheck.Audio;

    public CheckResult Evaluate(SegmentCheckContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Segment.Signals is not { } signals)
        {
            return CheckResults.Error(Check, "The segment has no signal analysis.");
        }

        var limit = context.Thresholds.MaxSilenceSeconds;
        var expected = $"audio, silence at most {CheckResults.Seconds(limit)}";
        if (!signals.AudioPresent)
        {
            return CheckResults.Judged(Check, false, "The segment carries no audio stream.", expected, "no audio", limit);
        }

        var longest = SignalRanges.Longest(signals.Silence);
        return CheckResults.Judged(
            Check,
            longest <= limit,
            longest <= limit ? "Audio present." : $"Silence for {CheckResults.Seconds(longest)}, beyond {CheckResults.Seconds(limit)}.",
            expected,
            $"longest silence {CheckResults.Seconds(longest)}",
            limit);
    }
}
