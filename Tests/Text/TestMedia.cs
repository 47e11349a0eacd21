using System.Globalization;
using Glance.Media.Frames;
using Glance.Media.Images;
using Glance.Media.Processes;

namespace Glance.Tests.Text;

/// <summary>A picture behind the overlays under test: a real photo when opencv-doc's samples are installed, or one ffmpeg generates.</summary>
public sealed record Background(string Name, IReadOnlyList<string> Input)
{
    public override string ToString() => Name;
}

/// <summary>
/// Renders test frames with ffmpeg straight into memory (rawvideo over a pipe: no files): a background scaled to the
/// frame size with overlays (drawn text, a logo passed on stdin) composited by ffmpeg's own filters.
/// </summary>
public static class TestMedia
{
    public const string Font = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

    public const string PhotoDirectory = "/usr/share/doc/opencv-doc/examples/data";

    /// <summary>
    /// A two-colour diagonal gradient with its colours and end points given: ffmpeg's gradients source draws random ones
    /// otherwise, and its seed option does not make them repeatable (ffmpeg 5.1 gave a different frame on every run,
    /// which once cost a test its scoreboard).
    /// </summary>
    public const string Gradient = "gradients=s=640x360:nb_colors=2:c0=0x1f7a8c:c1=0xe07a5f:x0=0:y0=0:x1=640:y1=360";

    /// <summary>Generated backgrounds (always there) and real photos (when opencv-doc is installed).</summary>
    public static IReadOnlyList<Background> Backgrounds()
    {
        var backgrounds = new List<Background>
        {
            new("mandelbrot", ["-f", "lavfi", "-i", "mandelbrot=s=640x360:start_scale=1.5"]),
            new("testsrc2", ["-f", "lavfi", "-i", "testsrc2=s=640x360"]),
            new("noisy-gradient", ["-f", "lavfi", "-i", Gradient + ",noise=alls=40:allf=t:all_seed=7"]), // ffmpeg seeds noise randomly unless told
        };
        foreach (var photo in new[] { "messi5.jpg", "fruits.jpg", "building.jpg", "baboon.jpg" })
        {
            var path = Path.Combine(PhotoDirectory, photo);
            if (File.Exists(path))
            {
                backgrounds.Add(new(photo, ["-i", path]));
            }
        }

        return backgrounds;
    }

    public static TheoryData<Background> BackgroundData()
    {
        var data = new TheoryData<Background>();
        foreach (var background in Backgrounds())
        {
            data.Add(background);
        }

        return data;
    }

    /// <summary>One frame: the background scaled to width x height, then <paramref name="filter"/> applied to [bg]
    /// (it must end in [out]); input 1, when <paramref name="overlayPng"/> is given, is that PNG.</summary>
    public static async Task<RgbImage> RenderAsync(Background background, int width, int height, string? filter = null, byte[]? overlayPng = null)
    {
        var arguments = new List<string> { "-hide_banner", "-nostdin", "-loglevel", "error" };
        arguments.AddRange(background.Input);
        if (overlayPng is not null)
        {
            arguments.AddRange(["-f", "png_pipe", "-i", "pipe:0"]);
        }

        var size = string.Create(CultureInfo.InvariantCulture, $"{width}:{height}");
        var graph = $"[0:v]scale={size},setsar=1,format=rgb24[bg];" + (filter ?? "[bg]null[out]");
        arguments.AddRange(["-filter_complex", graph, "-map", "[out]", "-frames:v", "1", "-pix_fmt", "rgb24", "-f", "rawvideo", "pipe:1"]);
        var request = new ChildProcessRequest("ffmpeg", arguments) { StandardInput = overlayPng, Timeout = TimeSpan.FromSeconds(30) };
        var result = await ChildProcess.RunCheckedAsync(request, CancellationToken.None);
        return new RgbImage(width, height, result.StandardOutput);
    }

    /// <summary>A picture made by a lavfi graph alone, encoded as PNG (to stand for an upload, or feed an overlay).</summary>
    public static async Task<byte[]> PngAsync(string lavfiGraph)
    {
        string[] arguments = ["-hide_banner", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", lavfiGraph, "-frames:v", "1", "-f", "image2pipe", "-c:v", "png", "pipe:1"];
        var result = await ChildProcess.RunCheckedAsync(new ChildProcessRequest("ffmpeg", arguments) { Timeout = TimeSpan.FromSeconds(30) }, CancellationToken.None);
        return result.StandardOutput;
    }

    public static async Task<RgbImage> DecodeAsync(byte[] encoded) =>
        await new FfmpegImageCodec(Microsoft.Extensions.Options.Options.Create(new FfmpegOptions())).DecodeAsync(encoded, ImageDecodeLimits.Default, CancellationToken.None);

    /// <summary>The drawtext filter for <paramref name="text"/> (no quotes or colons in it) in the test font, or <paramref name="font"/>.</summary>
    public static string DrawText(string text, int x, int y, int size, string colour, string font = Font) =>
        string.Create(CultureInfo.InvariantCulture, $"drawtext=fontfile={font}:text='{text}':x={x}:y={y}:fontsize={size}:fontcolor={colour}");

    /// <summary>A scoreboard plate in the top-left corner, sized for the frame height (broadcast graphics scale with it).</summary>
    public static string Scoreboard(string text, int frameHeight, out (int X, int Y, int Width, int Height) plate)
    {
        var unit = frameHeight / 720.0;
        plate = ((int)(40 * unit), (int)(36 * unit), (int)(420 * unit), (int)(72 * unit));
        var fontSize = (int)(44 * unit);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"[bg]drawbox=x={plate.X}:y={plate.Y}:w={plate.Width}:h={plate.Height}:color=0x101828@0.9:t=fill,{DrawText(text, plate.X + (int)(24 * unit), plate.Y + (int)(14 * unit), fontSize, "white")}[out]");
    }
}
