namespace Glance.Detection.Local.Classifiers;

/// <summary>A serialized classifier that cannot be used: malformed, from another version, or made for other features.</summary>
public sealed class ClassifierModelException(string message, Exception? inner = null) : Exception(message, inner);
