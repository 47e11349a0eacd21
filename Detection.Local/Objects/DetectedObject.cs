namespace Glance.Detection.Local.Objects;

/// <summary>An object CenterNet found: COCO label, score (0..1) and the box relative to the frame.</summary>
public sealed record DetectedObject(string Label, int ClassId, float Score, BoundingBox Box);
