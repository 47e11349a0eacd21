namespace Glance.Detection.Local.Faces;

/// <summary>The face models are missing or unreadable; the message says how to install them.</summary>
public sealed class FaceModelException(string message, Exception? inner = null) : Exception(message, inner);
