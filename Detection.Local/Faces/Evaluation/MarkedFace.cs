namespace Glance.Detection.Local.Faces.Evaluation;

/// <summary>
/// A face marked by hand: its box in pixels of the original photo, whether it is hard (small, profile, turned down),
/// who it is when the same person appears in another photo of the set, and why it is hard.
/// </summary>
public sealed record MarkedFace(double X, double Y, double Width, double Height, bool Hard, string? Person, string? Note);
