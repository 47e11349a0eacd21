using System.Globalization;
using System.Text.RegularExpressions;

namespace Glance.Media.Analysis;

/// <summary>
/// Reads the stream list ffmpeg prints for its input ("Input #0 ... Stream #0:0: Video: h264 ..., Closed Captions, 30 fps,
/// 90k tbn"). It costs nothing (ffmpeg prints it anyway), where an ffprobe run would cost a process start.
/// </summary>
internal sealed partial class StreamBanner
{
    private readonly List<BannerStream> streams = [];
    private bool inInput;

    public IReadOnlyList<BannerStream> Streams => streams;

    /// <summary>The input section has been printed completely (ffmpeg understood the container).</summary>
    public bool Complete { get; private set; }

    public BannerStream? Video => streams.FirstOrDefault(s => s.Kind == "Video");

    public bool HasAudio => streams.Any(s => s.Kind == "Audio");

    public bool TryConsume(string line)
    {
        if (line.StartsWith("Input #0,", StringComparison.Ordinal))
        {
            inInput = true;
            return true;
        }

        if (!inInput)
        {
            return false;
        }

        if (line.StartsWith("Stream mapping:", StringComparison.Ordinal) || line.StartsWith("Output #", StringComparison.Ordinal) || line.StartsWith('['))
        {
            inInput = false;
            Complete = true;
            return false;
        }

        var match = StreamLine().Match(line);
        if (match.Success && streams.Count < 64)
        {
            var details = match.Groups["details"].Value;
            var size = Size().Match(details);
            streams.Add(new BannerStream(
                int.Parse(match.Groups["index"].ValueSpan, CultureInfo.InvariantCulture),
                match.Groups["kind"].Value,
                details.Contains("Closed Captions", StringComparison.Ordinal),
                Rate(FramesPerSecond().Match(details)) ?? Rate(RealFrameRate().Match(details)),
                Rate(TimeBase().Match(details)),
                size.Success ? int.Parse(size.Groups[1].ValueSpan, CultureInfo.InvariantCulture) : 0,
                size.Success ? int.Parse(size.Groups[2].ValueSpan, CultureInfo.InvariantCulture) : 0));
        }

        return true;
    }

    /// <summary>Called when the process has ended: a banner still open then was complete too.</summary>
    public void Finish()
    {
        if (inInput)
        {
            inInput = false;
            Complete = true;
        }
    }

    private static double? Rate(Match match)
    {
        if (!match.Success || !double.TryParse(match.Groups[1].ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        return match.Groups[2].ValueSpan is "k" ? value * 1000 : value;
    }

    [GeneratedRegex(@"^\s*Stream #0:(?<index>\d+)[^:]*: (?<kind>Video|Audio|Subtitle|Data|Attachment): (?<details>.*)$")]
    private static partial Regex StreamLine();

    [GeneratedRegex(@"(?<![\w.])(\d+(?:\.\d+)?)(k?) fps\b")]
    private static partial Regex FramesPerSecond();

    [GeneratedRegex(@"(?<![\w.])(\d+(?:\.\d+)?)(k?) tbr\b")]
    private static partial Regex RealFrameRate();

    [GeneratedRegex(@"(?<![\w.])(\d+(?:\.\d+)?)(k?) tbn\b")]
    private static partial Regex TimeBase();

    [GeneratedRegex(@"\b(\d{1,5})x(\d{1,5})\b")]
    private static partial Regex Size();
}

/// <param name="Kind">Video, Audio, Subtitle, Data or Attachment.</param>
/// <param name="FramesPerSecond">Video frame rate as printed ("29.97 fps"), null when unknown.</param>
/// <param name="TimeBaseDenominator">The stream's time base is 1/this ("90k tbn").</param>
internal sealed record BannerStream(int Index, string Kind, bool Captions, double? FramesPerSecond, double? TimeBaseDenominator, int Width, int Height);
