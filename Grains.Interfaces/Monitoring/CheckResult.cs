namespace Glance.Grains.Interfaces.Monitoring;

/// <summary>One check's outcome on one segment, with what was expected, what was found and why.</summary>
/// <param name="Share">For frame checks: the share of sampled frames that matched (the weakest team's for teams).</param>
/// <param name="Threshold">The limit the check compared with (a share, seconds, LU).</param>
/// <param name="Frames">For frame checks: what each sampled frame showed against what was expected.</param>
[GenerateSerializer, Immutable, Alias("glance.monitoring.check-result")]
public sealed record CheckResult(
    MonitoringCheck Check,
    CheckStatus Status,
    string Reason,
    string? Expected,
    string? Detected,
    double? Share,
    double? Threshold,
    IReadOnlyList<FrameEvidence> Frames);

/// <summary>One sampled frame as a frame check saw it.</summary>
/// <param name="Detected">What of the expected kind the frame showed (names), null when nothing.</param>
/// <param name="Weight">What the frame counted for towards the share (0..1).</param>
[GenerateSerializer, Immutable, Alias("glance.monitoring.frame-evidence")]
public sealed record FrameEvidence(int Index, double Position, double Weight, string? Detected, double? Confidence);
