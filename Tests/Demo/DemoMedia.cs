using System.Globalization;
using System.Text.RegularExpressions;
using Glance.Demo.Channel;
using Glance.Media.Frames;
using Glance.Media.Hls;
using Glance.Media.Processes;

namespace Glance.Tests.Demo;

/// <summary>Frames and signal reports taken from the demo channel's segments with ffmpeg, in memory.</summary>
internal static partial class DemoMedia
{
    /// <summary>A point of the capture: segment index and seconds into it.</summary>
    public readonly record struct Moment(int Segment, double Offset);

    /// <summary>
    /// The first point where <paramref name="wanted"/> holds, and also 0.4 s either side of it, so a frame decoded
    /// there shows it whatever the frame grid.
    /// </summary>
    public static Moment Find(DemoChannelFixture fixture, Func<ProgrammeMoment, bool> wanted, string what)
    {
        var segments = fixture.Playlist.Segments;
        for (var i = 0; i < segments.Count; i++)
        {
            var start = segments[i].ProgramDateTime!.Value;
            for (var offset = 0.5; offset <= segments[i].Duration - 0.5; offset += 0.25)
            {
                bool Holds(double seconds) => fixture.Channel.ProgrammeAt(start.AddSeconds(seconds)) is { } moment && wanted(moment);
                if (Holds(offset) && Holds(offset - 0.4) && Holds(offset + 0.4))
                {
                    return new Moment(i, offset);
                }
            }
        }

        throw new Xunit.Sdk.XunitException($"No segment of the capture shows {what}.");
    }

    /// <summary>The frame <paramref name="moment"/> shows, at the channel's size (what the 640-pixel sampler would pass on).</summary>
    public static async Task<RgbImage> FrameAsync(DemoChannelFixture fixture, Moment moment) =>
        await DecodeAsync(fixture, moment.Segment, ["-ss", moment.Offset.ToString("0.###", CultureInfo.InvariantCulture), "-frames:v", "1"]) is [var frame, ..]
            ? frame
            : throw new Xunit.Sdk.XunitException($"ffmpeg decoded no frame at {moment.Offset} s of segment {moment.Segment}.");

    /// <summary>
    /// Every <paramref name="step"/>-th frame of segment <paramref name="segment"/> (the first included), each with its
    /// time in seconds from the segment's start, decoded by one ffmpeg run.
    /// </summary>
    public static async Task<IReadOnlyList<(double Offset, RgbImage Image)>> FramesAsync(DemoChannelFixture fixture, int segment, int step)
    {
        var frames = await DecodeAsync(fixture, segment, ["-vf", string.Create(CultureInfo.InvariantCulture, $"select=not(mod(n\\,{step}))"), "-fps_mode", "passthrough"]);
        return [.. frames.Select((image, i) => ((double)i * step / fixture.Channel.Options.FrameRate, image))];
    }

    /// <summary>The frames of one captured segment that <paramref name="selection"/> (ffmpeg output options) picks, as RGB at the channel's size.</summary>
    private static async Task<IReadOnlyList<RgbImage>> DecodeAsync(DemoChannelFixture fixture, int segment, string[] selection)
    {
        var layout = fixture.Assets.Layout;
        string[] arguments = ["-hide_banner", "-nostdin", "-loglevel", "error", "-f", "mpegts", "-i", "pipe:0", .. selection, "-pix_fmt", "rgb24", "-f", "rawvideo", "pipe:1"];
        var request = new ChildProcessRequest("ffmpeg", arguments) { StandardInput = fixture.Segments[segment], Timeout = TimeSpan.FromSeconds(30) };
        var result = await ChildProcess.RunCheckedAsync(request, CancellationToken.None);
        var size = layout.Width * layout.Height * 3;
        return [.. Enumerable.Range(0, result.StandardOutput.Length / size)
            .Select(i => new RgbImage(layout.Width, layout.Height, result.StandardOutput.AsSpan(i * size, size).ToArray()))];
    }

    /// <summary>What ffmpeg's silence, freeze and black detectors and the EBU R128 meter report over the whole capture.</summary>
    public static async Task<SignalLog> SignalsAsync(IReadOnlyList<byte[]> segments)
    {
        string[] arguments =
        [
            "-hide_banner", "-nostdin", "-loglevel", "info", "-nostats", "-f", "mpegts", "-i", "pipe:0",
            "-af", "silencedetect=n=-60dB:d=1,ebur128", "-vf", "freezedetect=n=-60dB:d=2,blackdetect=d=2", "-f", "null", "-",
        ];
        var request = new ChildProcessRequest("ffmpeg", arguments)
        {
            StandardInput = segments.SelectMany(s => s).ToArray(),
            Timeout = TimeSpan.FromSeconds(60),
            MaxStandardErrorTailChars = 4 * 1024 * 1024,
        };
        var result = await ChildProcess.RunCheckedAsync(request, CancellationToken.None);
        var log = result.StandardErrorTail;
        var starts = SilenceStart().Matches(log).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        var ends = SilenceEnd().Matches(log).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        var integrated = IntegratedLoudness().Matches(log).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).LastOrDefault(double.NaN);
        return new SignalLog(starts, ends, log.Contains("freeze_start", StringComparison.Ordinal), log.Contains("black_start", StringComparison.Ordinal), integrated);
    }

    public sealed record SignalLog(IReadOnlyList<double> SilenceStarts, IReadOnlyList<double> SilenceEnds, bool Frozen, bool Black, double IntegratedLufs);

    [GeneratedRegex(@"silence_start: (-?[0-9.]+)")]
    private static partial Regex SilenceStart();

    [GeneratedRegex(@"silence_end: (-?[0-9.]+)")]
    private static partial Regex SilenceEnd();

    [GeneratedRegex(@"I:\s+(-?[0-9.]+) LUFS")]
    private static partial Regex IntegratedLoudness();

    public static DateTimeOffset Start(MediaPlaylist playlist) => playlist.Segments[0].ProgramDateTime!.Value;
}
