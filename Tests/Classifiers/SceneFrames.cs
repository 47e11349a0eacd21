using System.Globalization;
using Glance.Media.Frames;
using Glance.Media.Probing;
using Glance.Media.Processes;
using Microsoft.Extensions.Options;

namespace Glance.Tests.Classifiers;

/// <summary>Frames cut from the real clips that ship with opencv-doc, by ffmpeg, straight into memory.</summary>
internal static class SceneFrames
{
    public const int Width = 640;
    public const int Height = 360;

    public static string Clip(string name) => Path.Combine("/usr/share/doc/opencv-doc/examples/data", name);

    /// <summary>A still photo scaled (not cropped) to 640x360, like a frame from a 16:9 broadcast.</summary>
    public static async Task<RgbImage> PhotoAsync(string file, CancellationToken cancellationToken)
    {
        var request = new ChildProcessRequest("ffmpeg",
            ["-hide_banner", "-nostdin", "-loglevel", "error", "-i", file, "-vf", $"scale={Width}:{Height}", "-frames:v", "1", "-pix_fmt", "rgb24", "-f", "rawvideo", "pipe:1"]);
        var result = await ChildProcess.RunCheckedAsync(request, cancellationToken);
        return new RgbImage(Width, Height, result.StandardOutput);
    }

    public static async Task<double> DurationAsync(string file, CancellationToken cancellationToken)
    {
        var probe = await new MediaProber(Options.Create(new FfmpegOptions())).ProbeFileAsync(file, cancellationToken);
        return probe.Duration?.TotalSeconds ?? throw new InvalidOperationException($"{file} has no duration.");
    }

    /// <summary>
    /// <paramref name="count"/> frames evenly spread over [start, start + length) seconds, scaled to 640x360; with
    /// <paramref name="zoom"/> the centre 80% is cut out first (a tighter framing than the training frames).
    /// </summary>
    public static async Task<List<RgbImage>> ExtractAsync(string file, double start, double length, int count, bool zoom, CancellationToken cancellationToken)
    {
        var rate = (count / length).ToString("0.######", CultureInfo.InvariantCulture);
        var filter = $"fps={rate},{(zoom ? "crop=iw*0.8:ih*0.8," : string.Empty)}scale={Width}:{Height}";
        var request = new ChildProcessRequest("ffmpeg",
        [
            "-hide_banner", "-nostdin", "-loglevel", "error",
            "-ss", start.ToString("0.###", CultureInfo.InvariantCulture), "-t", length.ToString("0.###", CultureInfo.InvariantCulture), "-i", file,
            "-vf", filter, "-frames:v", count.ToString(CultureInfo.InvariantCulture), "-pix_fmt", "rgb24", "-f", "rawvideo", "pipe:1",
        ]) { Timeout = TimeSpan.FromSeconds(60) };
        var result = await ChildProcess.RunCheckedAsync(request, cancellationToken);
        var frameBytes = Width * Height * 3;
        var frames = Enumerable.Range(0, result.StandardOutput.Length / frameBytes)
            .Select(i => new RgbImage(Width, Height, result.StandardOutput.AsMemory(i * frameBytes, frameBytes)))
            .ToList();
        frames.Should().HaveCount(count, $"ffmpeg should cut {count} frames from {Path.GetFileName(file)} {start:0.#}s+{length:0.#}s");
        return frames;
    }
}
