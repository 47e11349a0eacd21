namespace Glance.Detection.Local.Objects;

/// <summary>The object network's files are missing or unusable; the message says how to install them.</summary>
public sealed class ObjectModelException(string message, Exception? inner = null) : Exception(message, inner);
