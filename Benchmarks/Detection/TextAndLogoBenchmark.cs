using Glance.Detection;
using Glance.Detection.Local.Logos;
using Glance.Detection.Local.Text;
using Glance.Media.Frames;
using Glance.Media.Images;
using Glance.Media.Processes;
using Microsoft.Extensions.Logging.Abstractions;
namespace Glance.Benchmarks.Detection;

/// <summary>"text": per-frame latency of local.text (a scoreboard over a real-looking frame), 640x360 and 1280x720.</summary>
public sealed class TextBenchmark : IBenchmark
{
    public string Name => "text";

    public string Description => "local.text per-frame latency (Tesseract) at 640x360 and 1280x720; target <= 300 ms";

    public async Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken)
    {
        // The same frame again and again would be read from the crop cache after the first call; the target is about
        // Tesseract reading a frame, so the cache is off for it, and the repeated-graphics case is reported beside.
        var uncached = Options.Create(new LocalTextOptions { ReadCropCacheSize = 0 });
        var cached = Options.Create(new LocalTextOptions());
        var everyLineRead = new LocalTextDetector(new TextRecognizer(new TesseractTextReader(new TesseractEngine(uncached), uncached, new TextMetrics(BenchmarkMeters.Factory))), uncached);
        var repeatedGraphics = new LocalTextDetector(new TextRecognizer(new TesseractTextReader(new TesseractEngine(cached), cached, new TextMetrics(BenchmarkMeters.Factory))), cached);
        foreach (var (width, height) in DetectionFrames.Sizes)
        {
            var image = await DetectionFrames.RenderAsync(width, height, DetectionFrames.Scoreboard(height), null, cancellationToken);
            var iterations = report.Quick ? 5 : 30;
            await DetectionFrames.MeasureAsync(report, $"text {width}x{height}, every line read by Tesseract", 300, iterations, () => everyLineRead.DetectAsync(new DetectionFrame(image), DetectionContext.Empty, cancellationToken), cancellationToken);
            await DetectionFrames.MeasureAsync(report, $"text {width}x{height}, same graphics as a frame before (crop cache)", null, iterations, () => repeatedGraphics.DetectAsync(new DetectionFrame(image), DetectionContext.Empty, cancellationToken), cancellationToken);
        }
    }
}

/// <summary>"logos": per-frame latency of local.logos with one known logo, in the four default corners.</summary>
public sealed class LogoBenchmark : IBenchmark
{
    public string Name => "logos";

    public string Description => "local.logos per-frame latency for one logo (four corners, 0.7-1.3 scale) at 640x360 and 1280x720; target <= 30 ms";

    public async Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken)
    {
        var codec = new FfmpegImageCodec(Options.Create(new FfmpegOptions()));
        var logoPng = await DetectionFrames.PngAsync(DetectionFrames.LogoGraph, cancellationToken);
        var logo = new KnownLogo("gtv", "GTV", await codec.DecodeAsync(logoPng, ImageDecodeLimits.Default, cancellationToken));
        var detector = new LocalLogoDetector(new LogoMatcher(Options.Create(new LocalLogoOptions())), NullLogger<LocalLogoDetector>.Instance);
        var context = DetectionContext.Empty with { Logos = [logo] };
        foreach (var (width, height) in DetectionFrames.Sizes)
        {
            var unit = height / 720.0;
            var overlay = string.Create(CultureInfo.InvariantCulture, $"[1:v]scale={(int)(150 * unit)}:{(int)(60 * unit)}[l];[bg][l]overlay=x=W-w-{(int)(40 * unit)}:y={(int)(30 * unit)},format=rgb24[out]");
            var image = await DetectionFrames.RenderAsync(width, height, overlay, logoPng, cancellationToken);
            var iterations = report.Quick ? 10 : 100;
            await DetectionFrames.MeasureAsync(report, $"logos {width}x{height} (1 logo)", 30, iterations, () => detector.DetectAsync(new DetectionFrame(image), context, cancellationToken), cancellationToken);
        }
    }
}

/// <summary>Frames for the detection benchmarks, rendered by ffmpeg in memory; a real photo when opencv-doc is installed.</summary>
internal static class DetectionFrames
{
    public const string Font = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

    public const string LogoGraph =
        "color=c=0x1a3c8c:s=150x60,drawbox=x=0:y=44:w=150:h=16:color=0xf0c020:t=fill,"
        + "drawtext=fontfile=" + Font + ":text='GTV':x=12:y=6:fontsize=34:fontcolor=white,"
        + "drawtext=fontfile=" + Font + ":text='SPORTS':x=40:y=45:fontsize=12:fontcolor=black";

    private const string Photo = "/usr/share/doc/opencv-doc/examples/data/messi5.jpg";

    public static readonly (int Width, int Height)[] Sizes = [(640, 360), (1280, 720)];

    public static string Scoreboard(int height)
    {
        var u = height / 720.0;
        int S(double v) => (int)(v * u);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"[bg]drawbox=x={S(40)}:y={S(36)}:w={S(420)}:h={S(72)}:color=0x101828@0.9:t=fill,drawtext=fontfile={Font}:text='POR 1 - 0 SAN':x={S(64)}:y={S(50)}:fontsize={S(44)}:fontcolor=white[out]");
    }

    public static async Task<RgbImage> RenderAsync(int width, int height, string filter, byte[]? overlayPng, CancellationToken cancellationToken)
    {
        var arguments = new List<string> { "-hide_banner", "-nostdin", "-loglevel", "error" };
        arguments.AddRange(File.Exists(Photo) ? ["-i", Photo] : ["-f", "lavfi", "-i", "testsrc2=s=1280x720"]);
        if (overlayPng is not null)
        {
            arguments.AddRange(["-f", "png_pipe", "-i", "pipe:0"]);
        }

        arguments.AddRange([
            "-filter_complex", string.Create(CultureInfo.InvariantCulture, $"[0:v]scale={width}:{height},setsar=1,format=rgb24[bg];{filter}"),
            "-map", "[out]", "-frames:v", "1", "-pix_fmt", "rgb24", "-f", "rawvideo", "pipe:1"]);
        var result = await ChildProcess.RunCheckedAsync(new ChildProcessRequest("ffmpeg", arguments) { StandardInput = overlayPng }, cancellationToken);
        return new RgbImage(width, height, result.StandardOutput);
    }

    public static async Task<byte[]> PngAsync(string graph, CancellationToken cancellationToken)
    {
        string[] arguments = ["-hide_banner", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", graph, "-frames:v", "1", "-f", "image2pipe", "-c:v", "png", "pipe:1"];
        return (await ChildProcess.RunCheckedAsync(new ChildProcessRequest("ffmpeg", arguments), cancellationToken)).StandardOutput;
    }

    /// <summary>Runs a warm-up, then times each call; reports median and p95 against the target.</summary>
    public static async Task MeasureAsync(BenchmarkReport report, string metric, double? targetMs, int iterations, Func<ValueTask<IReadOnlyList<FrameDetection>>> detect, CancellationToken cancellationToken)
    {
        var found = (await detect()).Count;
        var samples = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var stopwatch = Stopwatch.StartNew();
            await detect();
            samples[i] = stopwatch.Elapsed.TotalMilliseconds;
        }

        var target = targetMs is null ? null : string.Create(CultureInfo.InvariantCulture, $"<= {targetMs} ms");
        var median = Percentiles.Of(samples, 50);
        var p95 = Percentiles.Of(samples, 95);
        report.Add($"{metric} median ({found} detections)", median, "ms", target, targetMs is null ? null : median <= targetMs);
        report.Add($"{metric} p95", p95, "ms", target, targetMs is null ? null : p95 <= targetMs);
    }
}
