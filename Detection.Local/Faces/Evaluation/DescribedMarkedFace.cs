namespace Glance.Detection.Local.Faces.Evaluation;

/// <summary>The descriptor of marked face <paramref name="Face"/> of a photo, described from the detector's box in the photo decoded at <paramref name="LongSide"/>.</summary>
public sealed record DescribedMarkedFace(string Image, int Face, string? Person, int LongSide, float[] Descriptor);
