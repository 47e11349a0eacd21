using Glance.Detection.Local.Objects;
using Glance.Inference.Graph;
using Glance.Inference.Nn;
using Glance.Media.Frames;
using Glance.Media.Processes;

namespace Glance.Benchmarks.Objects;

/// <summary>
/// Per-frame latency of the local object network (CenterNet forward pass + decoding) at 640x360 and 1280x720, one frame
/// at a time, on each engine (ONNX Runtime and the C# graph executor) with the same thread count; the bar is
/// 400 ms on 2 cores. Frames are a real photo (OpenCV's messi5.jpg) scaled by ffmpeg, or ffmpeg's test pattern when
/// opencv-doc is not installed. Also prints where the graph executor's time goes, by op.
/// </summary>
public sealed class ObjectBenchmark : IBenchmark
{
    private const double TargetMilliseconds = 400;
    private const string Photo = "/usr/share/doc/opencv-doc/examples/data/messi5.jpg";

    public string Name => "objects";

    public string Description => "local object network (CenterNet, 512 px) per-frame latency at 640x360 and 1280x720, ONNX Runtime and graph executor";

    public async Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var iterations = report.Quick ? 5 : 30;
        var frames = new Dictionary<int, RgbImage>();
        foreach (var (width, height) in Sizes)
        {
            frames[width] = await MakeFrameAsync(width, height, cancellationToken);
        }

        // Both engines get the same threads per frame: ONNX Runtime's intra-op pool is sized from the executor's degree.
        Console.WriteLine($"  threads per frame: {NnParallel.MaxDegreeOfParallelism} (NnParallel.MaxDegreeOfParallelism = ONNX Runtime intra-op threads)");
        foreach (var engine in new[] { ObjectEngine.OnnxRuntime, ObjectEngine.Graph })
        {
            var loading = Stopwatch.StartNew();
            using var network = CenterNetNetwork.Load(new ObjectDetectionOptions { Engine = engine }, contentRoot: null);
            report.Add($"{engine}: load", loading.Elapsed.TotalMilliseconds, "ms");
            foreach (var (width, height) in Sizes)
            {
                MeasureLatency(report, network, frames[width], $"{engine}: {width}x{height}", iterations, cancellationToken);
            }

            // Two frames at once, as the pipeline runs them on a 2-core machine: throughput rather than latency.
            var concurrentStarted = Stopwatch.GetTimestamp();
            var count = report.Quick ? 4 : 20;
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken },
                (_, token) =>
                {
                    network.Analyze(frames[1280], token);
                    return ValueTask.CompletedTask;
                });
            var seconds = Stopwatch.GetElapsedTime(concurrentStarted).TotalSeconds;
            report.Add($"{engine}: 1280x720 throughput, 2 frames in flight", count / seconds, "frames/s");
        }

        // CPU time of a frame on one thread: barely moved by what else runs on the machine, unlike the wall clock.
        foreach (var engine in new[] { ObjectEngine.OnnxRuntime, ObjectEngine.Graph })
        {
            var degree = NnParallel.MaxDegreeOfParallelism;
            NnParallel.MaxDegreeOfParallelism = 1;
            try
            {
                using var network = CenterNetNetwork.Load(new ObjectDetectionOptions { Engine = engine }, contentRoot: null);
                report.Add($"{engine}: 1280x720 CPU time per frame on 1 thread", CpuMillisecondsPerFrame(network, frames[1280], iterations, cancellationToken), "ms");
            }
            finally
            {
                NnParallel.MaxDegreeOfParallelism = degree;
            }
        }
    }

    private static double CpuMillisecondsPerFrame(CenterNetNetwork network, RgbImage frame, int iterations, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 5; i++)
        {
            network.Analyze(frame, cancellationToken);
        }

        using var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        for (var i = 0; i < iterations; i++)
        {
            network.Analyze(frame, cancellationToken);
        }

        process.Refresh();
        return (process.TotalProcessorTime - before).TotalMilliseconds / iterations;
    }

    private static (int Width, int Height)[] Sizes => [(640, 360), (1280, 720)];

    private static void MeasureLatency(BenchmarkReport report, CenterNetNetwork network, RgbImage frame, string label, int iterations, CancellationToken cancellationToken)
    {
        // Warm up past tiered JIT's promotions (they land in the background a while after the first calls).
        var warmUp = Stopwatch.StartNew();
        for (var i = 0; i < 5 || warmUp.Elapsed < TimeSpan.FromSeconds(3); i++)
        {
            network.Analyze(frame, cancellationToken);
        }

        var samples = new double[iterations];
        var profile = new GraphRunProfile();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var output = network.Analyze(frame, cancellationToken, i == 0 ? profile : null);
            CenterNetDecoder.Decode(output.Candidates, 0.4f, 10, 0.4f);
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)iterations;
        var median = Percentiles.Of(samples, 50);
        var p95 = Percentiles.Of(samples, 95);
        report.Add($"{label} median", median, "ms", $"<= {TargetMilliseconds} ms", median <= TargetMilliseconds);
        report.Add($"{label} p95", p95, "ms", $"<= {TargetMilliseconds} ms", p95 <= TargetMilliseconds);
        report.Add($"{label} managed allocation per frame (buffers pooled)", allocated / 1024, "KB");
        // On ONNX Runtime the profile covers only the peak extraction the graph executor still runs.
        Console.WriteLine($"  {label} graph executor time by op (one run): " + string.Join(", ", profile.TimeByOp
            .OrderByDescending(p => p.Value)
            .Take(8)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value.TotalMilliseconds:F1} ms x{profile.CountByOp[p.Key]}"))));
    }

    private static async Task<RgbImage> MakeFrameAsync(int width, int height, CancellationToken cancellationToken)
    {
        var size = string.Create(CultureInfo.InvariantCulture, $"{width}x{height}");
        string[] source = File.Exists(Photo)
            ? ["-i", Photo, "-vf", string.Create(CultureInfo.InvariantCulture, $"scale={width}:{height}")]
            : ["-f", "lavfi", "-i", $"testsrc2=size={size}:rate=1"];
        var request = new ChildProcessRequest("ffmpeg", ["-hide_banner", "-nostdin", "-loglevel", "error", .. source, "-frames:v", "1", "-pix_fmt", "rgb24", "-f", "rawvideo", "pipe:1"]);
        var result = await ChildProcess.RunCheckedAsync(request, cancellationToken);
        return new RgbImage(width, height, result.StandardOutput);
    }
}
