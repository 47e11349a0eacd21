namespace Glance.Detection;

/// <summary>
/// One thing a detector saw in one frame: the common contract every detector family (local or Rekognition) maps to.
/// </summary>
/// <param name="Id">The broadcaster's id for a known person, logo or team; null for unknown faces and generic labels.</param>
/// <param name="Confidence">0..1.</param>
/// <param name="Box">Where in the frame, when the detector localizes.</param>
/// <param name="Detector">Which detector produced it (for example "local.faces" or "rekognition.labels").</param>
public sealed record FrameDetection(
    DetectionKind Kind,
    string? Id,
    string Name,
    double Confidence,
    BoundingBox? Box,
    string Detector);
