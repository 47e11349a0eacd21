namespace Glance.Grains.Monitoring;

/// <summary>The service's default check thresholds, under every event's and program's own. Bound to "Monitoring".</summary>
public sealed class MonitoringOptions
{
    public const string SectionName = "Monitoring";

    public double LogoMinShare { get; set; } = 0.6;

    public double SportMinShare { get; set; } = 0.5;

    public double TeamMinShare { get; set; } = 0.2;

    public double TeamTextWeight { get; set; } = 1.0;

    public double TeamLogoWeight { get; set; } = 1.0;

    public double MaxSilenceSeconds { get; set; } = 2.0;

    /// <summary>EBU R128 programme loudness, LUFS.</summary>
    public double LoudnessTarget { get; set; } = -23.0;

    /// <summary>EBU R128 allows ±1 LU where exact normalisation is not possible (live); a 6 s segment is noisier, hence 2.</summary>
    public double LoudnessTolerance { get; set; } = 2.0;

    /// <summary>EBU R128 maximum true peak, dBTP.</summary>
    public double MaxTruePeak { get; set; } = -1.0;

    public double MaxBlackSeconds { get; set; } = 2.0;

    public double MaxFreezeSeconds { get; set; } = 2.0;

    /// <summary>PAT/PMT at TR 101 290's intervals across segments (true) or once in every segment (false, RFC 8216).</summary>
    public bool ContinuousPsi { get; set; }

    /// <summary>Failing segments in a row that open an incident for a check.</summary>
    public int IncidentOpenAfter { get; set; } = 3;

    /// <summary>Passing segments in a row that close a check's open incident.</summary>
    public int IncidentCloseAfter { get; set; } = 2;

    /// <summary>Checks off for every event unless an event or program enables them.</summary>
    public List<MonitoringCheck> Disabled { get; set; } = [];

    public EffectiveThresholds Defaults() => new(
        LogoMinShare, SportMinShare, TeamMinShare, TeamTextWeight, TeamLogoWeight, MaxSilenceSeconds,
        LoudnessTarget, LoudnessTolerance, MaxTruePeak, MaxBlackSeconds, MaxFreezeSeconds, ContinuousPsi);
}
