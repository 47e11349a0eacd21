namespace Glance.Media.Probing;

/// <summary>ffprobe could not read the input as media (the message is ffprobe's own reason), or answered nonsense.</summary>
public sealed class MediaProbeException(string message, Exception? innerException = null) : Exception(message, innerException);
