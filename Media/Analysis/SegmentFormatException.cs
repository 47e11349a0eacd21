namespace Glance.Media.Analysis;

/// <summary>A segment that cannot be analysed: not media ffmpeg understands, too large, or without usable streams.</summary>
public sealed class SegmentFormatException(string message, Exception? inner = null) : Exception(message, inner);
