namespace Glance.Grains.Monitoring;

/// <summary>The ranges every threshold must fall in, whoever sets it (the service's defaults, an event, a program).</summary>
public static class ThresholdRules
{
    private const double MaxSeconds = 3600;

    /// <returns>Errors keyed by the threshold's name (camelCase, as clients write it).</returns>
    public static Dictionary<string, string> Check(EffectiveThresholds t) => Check(t.AsThresholds());

    public static Dictionary<string, string> Check(CheckThresholds t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        Range(errors, "logoMinShare", t.LogoMinShare, 0, 1, "a share of frames, 0 to 1");
        Range(errors, "sportMinShare", t.SportMinShare, 0, 1, "a share of frames, 0 to 1");
        Range(errors, "teamMinShare", t.TeamMinShare, 0, 1, "a share of frames, 0 to 1");
        Range(errors, "teamTextWeight", t.TeamTextWeight, 0, 1, "a weight, 0 to 1");
        Range(errors, "teamLogoWeight", t.TeamLogoWeight, 0, 1, "a weight, 0 to 1");
        Range(errors, "maxSilenceSeconds", t.MaxSilenceSeconds, 0, MaxSeconds, "seconds, 0 to 3600");
        Range(errors, "loudnessTarget", t.LoudnessTarget, -70, 0, "LUFS, -70 to 0");
        Range(errors, "loudnessTolerance", t.LoudnessTolerance, 0, 20, "LU, 0 to 20");
        Range(errors, "maxTruePeak", t.MaxTruePeak, -20, 6, "dBTP, -20 to 6");
        Range(errors, "maxBlackSeconds", t.MaxBlackSeconds, 0, MaxSeconds, "seconds, 0 to 3600");
        Range(errors, "maxFreezeSeconds", t.MaxFreezeSeconds, 0, MaxSeconds, "seconds, 0 to 3600");
        return errors;
    }

    private static void Range(Dictionary<string, string> errors, string name, double? value, double min, double max, string what)
    {
        if (value is { } v && (!double.IsFinite(v) || v < min || v > max))
        {
            errors[name] = $"must be {what}.";
        }
    }
}
