namespace Glance.Grains.Interfaces.Monitoring;

/// <summary>
/// Run-time switches and thresholds, for a whole event or for one program (the program's win). A check listed in
/// <paramref name="Disabled"/> is skipped; one listed in <paramref name="Enabled"/> runs although a wider level
/// disabled it. Unset thresholds fall back to the wider level, then to the service's defaults.
/// </summary>
[GenerateSerializer, Immutable, Alias("glance.monitoring.check-settings")]
public sealed record CheckSettings(
    IReadOnlyList<MonitoringCheck>? Enabled = null,
    IReadOnlyList<MonitoringCheck>? Disabled = null,
    CheckThresholds? Thresholds = null);

/// <summary>Thresholds of the checks; null means "as the wider level says".</summary>
/// <param name="LogoMinShare">Share of sampled frames (0..1) that must show the station logo.</param>
/// <param name="SportMinShare">Share of sampled frames in which the expected sport must be recognized.</param>
/// <param name="TeamMinShare">Share of sampled frames in which each expected team must be seen.</param>
/// <param name="TeamTextWeight">What a frame that names the team in text counts for (0..1).</param>
/// <param name="TeamLogoWeight">What a frame that shows the team's logo counts for (0..1).</param>
/// <param name="MaxSilenceSeconds">Longest silence tolerated in a segment.</param>
/// <param name="LoudnessTarget">Integrated loudness target, LUFS (EBU R128: -23).</param>
/// <param name="LoudnessTolerance">Allowed deviation from the target, LU.</param>
/// <param name="MaxTruePeak">True peak ceiling, dBTP (EBU R128: -1).</param>
/// <param name="MaxBlackSeconds">Longest black picture tolerated.</param>
/// <param name="MaxFreezeSeconds">Longest frozen picture tolerated.</param>
/// <param name="ContinuousPsi">
/// true: PAT and PMT must repeat at TR 101 290's intervals (500 ms) across segment boundaries, as on a broadcast
/// contribution feed. false (the default): each segment must carry its own PAT and PMT (RFC 8216 section 3.2), which is
/// all an HLS player needs; packagers such as ffmpeg write them once per segment.
/// </param>
[GenerateSerializer, Immutable, Alias("glance.monitoring.check-thresholds")]
public sealed record CheckThresholds(
    double? LogoMinShare = null,
    double? SportMinShare = null,
    double? TeamMinShare = null,
    double? TeamTextWeight = null,
    double? TeamLogoWeight = null,
    double? MaxSilenceSeconds = null,
    double? LoudnessTarget = null,
    double? LoudnessTolerance = null,
    double? MaxTruePeak = null,
    double? MaxBlackSeconds = null,
    double? MaxFreezeSeconds = null,
    bool? ContinuousPsi = null);
