namespace Glance.Demo.Channel;

/// <summary>The synthetic channel cannot be set up or kept running: a missing input, bad options, or ffmpeg giving up.</summary>
public sealed class DemoChannelException(string message, Exception? inner = null) : Exception(message, inner);
