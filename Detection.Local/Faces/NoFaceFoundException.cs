namespace Glance.Detection.Local.Faces;

/// <summary>A reference image in which no face could be found (or none large enough to describe).</summary>
public sealed class NoFaceFoundException(string message) : Exception(message);
