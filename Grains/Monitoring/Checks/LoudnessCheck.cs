namespace Glance.Grains.Monitoring.Checks;

/// <summary>
/// EBU R128: integrated loudness within <see cref="EffectiveThresholds.LoudnessTolerance"/> LU of
/// <see cref="EffectiveThresholds.LoudnessTarget"/> LUFS and true peak at most <see cref="EffectiveThresholds.MaxTruePeak"/> dBTP.
/// A silent segment is the audio check's to judge: R128's gate leaves no integrated loudness to compare.
/// </summary>
public sealed class LoudnessCheck : ISegmentCheck
{
    /// <summary>R128's absolute gate: blocks quieter than this are not counted.</summary>
    private const double AbsoluteGate = -70;

    public MonitoringCheck Check => MonitoringCheck.Loudness;

    public CheckResult Evaluate(SegmentCheckContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Segment.Signals is not { } signals)
        {
            return CheckResults.Error(Check, "The segment has no signal analysis.");
        }

        var t = context.Thresholds;
        var expected = $"{t.LoudnessTarget:0.#} LUFS ± {t.LoudnessTolerance:0.#} LU, true peak ≤ {t.MaxTruePeak:0.#} dBTP";
        if (!signals.AudioPresent)
        {
            return CheckResults.Skipped(Check, "The segment carries no audio stream.", expected);
        }

        if (signals.IntegratedLoudness is not { } integrated || integrated <= AbsoluteGate)
        {
            return CheckResults.Skipped(Check, "No loudness was measured (the segment is silent or too short).", expected);
        }

        var deviation = integrated - t.LoudnessTarget;
        var detected = $"{integrated:0.#} LUFS" + (signals.TruePeak is { } tp ? $", true peak {tp:0.#} dBTP" : string.Empty);
        if (Math.Abs(deviation) > t.LoudnessTolerance)
        {
            return CheckResults.Judged(Check, false, $"Integrated loudness {integrated:0.#} LUFS is {deviation:+0.#;-0.#} LU off the target.", expected, detected, t.LoudnessTolerance);
        }

        if (signals.TruePeak is { } peak && peak > t.MaxTruePeak)
        {
            return CheckResults.Judged(Check, false, $"True peak {peak:0.#} dBTP is above {t.MaxTruePeak:0.#} dBTP.", expected, detected, t.MaxTruePeak);
        }

        return CheckResults.Judged(Check, true, "Loudness within tolerance.", expected, detected, t.LoudnessTolerance);
    }
}
