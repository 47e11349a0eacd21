namespace Glance.Detection;

/// <summary>Per-event thresholds; defaults follow the brief and the detector issue.</summary>
public sealed record DetectionThresholds
{
    /// <summary>A face within this euclidean distance of a gallery descriptor is that person.</summary>
    public double FaceMatchDistance { get; init; } = 0.5;

    public double MinFaceConfidence { get; init; } = 0.5;

    public double MinLabelConfidence { get; init; } = 0.4;

    public double MinTextConfidence { get; init; } = 0.6;

    /// <summary>Normalized cross-correlation score above which a logo counts as present.</summary>
    public double MinLogoScore { get; init; } = 0.7;

    public double MinTeamConfidence { get; init; } = 0.6;

    public double MinSportConfidence { get; init; } = 0.5;
}
