namespace Glance.Media.Signals;

/// <summary>EBU R128 / ITU-R BS.1770 measurements of one segment, judged against the selected standard.</summary>
/// <param name="Integrated">Integrated (gated) loudness in LUFS; null when everything was below the absolute gate.</param>
/// <param name="ShortTermMax">Highest short-term (3 s window) loudness in LUFS; null when the audio is shorter than 3 s or silent.</param>
/// <param name="TruePeak">True peak in dBTP; null for digital silence.</param>
public sealed record LoudnessReport(
    double? Integrated,
    double? ShortTermMax,
    double? TruePeak,
    LoudnessStandard Standard,
    double Target,
    double Tolerance,
    double MaxTruePeak)
{
    public bool IntegratedWithinTarget => Integrated is { } value && Math.Abs(value - Target) <= Tolerance;

    public bool TruePeakWithinLimit => TruePeak is not { } value || value <= MaxTruePeak;

    public bool Passed => IntegratedWithinTarget && TruePeakWithinLimit;
}
