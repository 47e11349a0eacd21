namespace Glance.Grains.Monitoring;

/// <summary>The thresholds a segment is checked with, every level resolved.</summary>
public sealed record EffectiveThresholds(
    double LogoMinShare,
    double SportMinShare,
    double TeamMinShare,
    double TeamTextWeight,
    double TeamLogoWeight,
    double MaxSilenceSeconds,
    double LoudnessTarget,
    double LoudnessTolerance,
    double MaxTruePeak,
    double MaxBlackSeconds,
    double MaxFreezeSeconds,
    bool ContinuousPsi = false)
{
    /// <summary>This level's values where <paramref name="over"/> leaves them unset.</summary>
    public EffectiveThresholds With(CheckThresholds? over) => over is null ? this : new(
        over.LogoMinShare ?? LogoMinShare,
        over.SportMinShare ?? SportMinShare,
        over.TeamMinShare ?? TeamMinShare,
        over.TeamTextWeight ?? TeamTextWeight,
        over.TeamLogoWeight ?? TeamLogoWeight,
        over.MaxSilenceSeconds ?? MaxSilenceSeconds,
        over.LoudnessTarget ?? LoudnessTarget,
        over.LoudnessTolerance ?? LoudnessTolerance,
        over.MaxTruePeak ?? MaxTruePeak,
        over.MaxBlackSeconds ?? MaxBlackSeconds,
        over.MaxFreezeSeconds ?? MaxFreezeSeconds,
        over.ContinuousPsi ?? ContinuousPsi);

    public CheckThresholds AsThresholds() => new(
        LogoMinShare, SportMinShare, TeamMinShare, TeamTextWeight, TeamLogoWeight, MaxSilenceSeconds,
        LoudnessTarget, LoudnessTolerance, MaxTruePeak, MaxBlackSeconds, MaxFreezeSeconds, ContinuousPsi);
}
