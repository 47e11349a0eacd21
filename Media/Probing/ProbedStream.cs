namespace Glance.Media.Probing;

/// <summary>
/// One stream of a probed input. <see cref="Kind"/> is ffprobe's codec type ("video", "audio", "subtitle", "data");
/// video fields are null on other kinds and audio fields on other kinds. <see cref="Id"/> is the container's own id
/// (the PID in a transport stream, as ffprobe prints it: "0x100").
/// </summary>
public sealed record ProbedStream(int Index, string Kind, string Codec, string? Id)
{
    public string? Profile { get; init; }

    public long? BitRate { get; init; }

    public string? Language { get; init; }

    public int? Width { get; init; }

    public int? Height { get; init; }

    public double? FramesPerSecond { get; init; }

    public string? PixelFormat { get; init; }

    public int? Channels { get; init; }

    public string? ChannelLayout { get; init; }

    public int? SampleRateHz { get; init; }
}
