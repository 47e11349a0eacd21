namespace Glance.Media.Images;

/// <summary>An uploaded or decoded image that cannot be used: not an image, too large, or malformed.</summary>
public sealed class ImageFormatException(string message, Exception? inner = null) : Exception(message, inner);
