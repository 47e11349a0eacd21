namespace Glance.Detection.Local.Faces;

/// <summary>
/// One face found in an image: its detector box (pixels and relative to the image), the detector score, and - when it
/// was among the faces described - its 68 landmarks and 128-d descriptor.
/// </summary>
public sealed record AnalyzedFace(DetectedFace Box, BoundingBox RelativeBox, float Score, FaceLandmarks? Landmarks, float[]? Descriptor);
