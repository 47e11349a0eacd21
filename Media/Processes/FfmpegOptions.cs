namespace Glance.Media.Processes;

/// <summary>
/// Where the ffmpeg tools live and how long one short job (an image, a probe) may take. Bound to "Media:Ffmpeg".
/// </summary>
public sealed class FfmpegOptions
{
    public const string SectionName = "Media:Ffmpeg";

    public string FfmpegPath { get; set; } = "ffmpeg";

    public string FfprobePath { get; set; } = "ffprobe";

    public TimeSpan ImageTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
