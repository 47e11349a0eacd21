namespace Glance.Detection.Rekognition.Wire;

/// <summary>Where a text or custom label was found; the polygon is not used by the detectors.</summary>
public sealed record RekognitionGeometry(RekognitionBoundingBox? BoundingBox);
