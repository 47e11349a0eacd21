using Glance.Detection.Local.Faces;
using Glance.Inference.Nn;
using Glance.Media.Frames;
using Glance.Media.Images;
using Glance.Media.Processes;
namespace Glance.Benchmarks.Faces;

/// <summary>
/// Per-frame latency of the local face pipeline (detect with the default detector, BlazeFace, then landmarks, dlib alignment and a descriptor for up to 3
/// faces) on 16:9 frames cut from face-api's demo group photos (3 faces each), at 640x360 and 1280x720. Target from the
/// detector issue: <= 150 ms on 2 cores. Besides wall-clock latency on both cores it reports the CPU time of one frame
/// run on a single thread: on a shared machine that figure does not depend on what else is running, and when it is
/// under the target the target holds on two idle cores too. Then <see cref="FaceRecallMeasurement"/>: recall on
/// hand-marked photos, before and after the small-face tiles.
/// </summary>
public sealed class FaceBenchmark : IBenchmark
{
    private const double TargetMilliseconds = 150;

    public string Name => "faces";

    public string Description => "local faces: detect + up to 3 descriptors per frame at 640x360 and 1280x720 (median, p95, single-thread CPU); recall and false positives on hand-marked photos, descriptor separation";

    public async Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var options = new LocalModelOptions();
        var loadClock = Stopwatch.StartNew();
        var models = FaceModels.Load(options, Directory.GetCurrentDirectory());
        report.Add("model load (once)", loadClock.Elapsed.TotalMilliseconds, "ms");
        report.Add("machine load average (1 min) at start", LoadAverage(), "runnable threads");
        var analyzer = new FaceAnalyzer(models, Options.Create(options));
        var boxDetector = FaceAnalyzer.BoxDetector(models, options);
        var codec = new FfmpegImageCodec(Options.Create(new FfmpegOptions()));
        var demo = Path.Combine(FaceModelLocator.ResolveFaceApiFolder(options, Directory.GetCurrentDirectory()), "..", "demo");
        var iterations = report.Quick ? 6 : 30;
        var cores = NnParallel.MaxDegreeOfParallelism;

        foreach (var (width, height) in new[] { (640, 360), (1280, 720) })
        {
            var frames = new List<RgbImage>();
            foreach (var sample in new[] { "sample1.jpg", "sample3.jpg", "sample6.jpg" })
            {
                var encoded = await File.ReadAllBytesAsync(Path.Combine(demo, sample), cancellationToken);
                frames.Add(CropCenter(await codec.DecodeAsync(encoded, new ImageDecodeLimits(MaxLongSide: width), cancellationToken), width, height));
            }

            // Warm-up: first calls pay for JIT and for the thread pool growing.
            for (var i = 0; i < 6; i++)
            {
                analyzer.Analyze(frames[i % frames.Count], maxDescribed: 3, cancellationToken);
            }

            var detect = new double[iterations];
            var full = new double[iterations];
            var singleThreadCpu = new double[iterations];
            var described = 0;
            for (var i = 0; i < iterations; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var frame = frames[i % frames.Count];
                var clock = Stopwatch.StartNew();
                boxDetector.Detect(frame, cancellationToken);
                detect[i] = clock.Elapsed.TotalMilliseconds;
                clock.Restart();
                var faces = analyzer.Analyze(frame, maxDescribed: 3, cancellationToken);
                full[i] = clock.Elapsed.TotalMilliseconds;
                described += faces.Count(f => f.Descriptor is not null);

                NnParallel.MaxDegreeOfParallelism = 1;
                try
                {
                    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                    analyzer.Analyze(frame, maxDescribed: 3, cancellationToken);
                    singleThreadCpu[i] = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
                }
                finally
                {
                    NnParallel.MaxDegreeOfParallelism = cores;
                }
            }

            var label = string.Create(CultureInfo.InvariantCulture, $"{width}x{height}");
            var target = $"<= {TargetMilliseconds} ms";
            report.Add($"{label} detect only, median (wall, {cores} cores)", Percentiles.Of(detect, 50), "ms");
            var median = Percentiles.Of(full, 50);
            var p95 = Percentiles.Of(full, 95);
            report.Add($"{label} detect + up to 3 descriptors, median (wall, {cores} cores)", median, "ms", target, median <= TargetMilliseconds);
            report.Add($"{label} detect + up to 3 descriptors, p95 (wall, {cores} cores)", p95, "ms", target, p95 <= TargetMilliseconds);
            var cpuMedian = Percentiles.Of(singleThreadCpu, 50);
            report.Add($"{label} detect + up to 3 descriptors, CPU time on 1 thread, median", cpuMedian, "ms", target, cpuMedian <= TargetMilliseconds);
            report.Add($"{label} faces described per frame (mean)", described / (double)iterations, "faces");
        }

        await FaceRecallMeasurement.RunAsync(report, models, codec, cancellationToken);
        report.Add("machine load average (1 min) at end", LoadAverage(), "runnable threads");
    }

    internal static double LoadAverage()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException)
        {
            return double.NaN;
        }
    }

    internal static RgbImage CropCenter(RgbImage image, int width, int height)
    {
        width = Math.Min(width, image.Width);
        height = Math.Min(height, image.Height);
        var left = (image.Width - width) / 2;
        var top = (image.Height - height) / 2;
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            image.Pixels.Span.Slice(((top + y) * image.Stride) + (left * 3), width * 3).CopyTo(pixels.AsSpan(y * width * 3));
        }

        return new RgbImage(width, height, pixels);
    }
}
