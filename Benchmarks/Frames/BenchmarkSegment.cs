using Glance.Media.Analysis;
using Glance.Media.Processes;
namespace Glance.Benchmarks.Frames;

/// <summary>The benchmark input: a 6 s 720p30 MPEG-TS segment (x264 veryfast, AAC), as an HLS packager would cut it.</summary>
internal static class BenchmarkSegment
{
    public static async Task<byte[]> CreateAsync(int gop, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("glance-bench-");
        try
        {
            var path = Path.Combine(directory.FullName, "segment.ts");
            string[] arguments =
            [
                "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-t", "6", "-c:v", "libx264", "-preset", "veryfast", "-b:v", "3M", "-pix_fmt", "yuv420p",
                "-g", gop.ToString(CultureInfo.InvariantCulture), "-keyint_min", gop.ToString(CultureInfo.InvariantCulture), "-sc_threshold", "0",
                "-c:a", "aac", "-b:a", "128k", "-f", "mpegts", path,
            ];
            await ChildProcess.RunCheckedAsync(new ChildProcessRequest("ffmpeg", arguments) { Timeout = TimeSpan.FromMinutes(2) }, cancellationToken);
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    public static SegmentAnalyzer Analyzer() => new(Options.Create(new FfmpegOptions()), Options.Create(new SegmentAnalysisOptions()));

    /// <summary>
    /// Median and 95th percentile wall time of <paramref name="iterations"/> runs after two warm-up runs, and the mean CPU
    /// time the child processes used per run. On a shared machine wall time depends on the neighbours; the CPU time does
    /// not, and on an idle two-core machine a run takes at least half of it.
    /// </summary>
    public static async Task<Measurement> MeasureAsync(int iterations, Func<Task> run)
    {
        for (var i = 0; i < 2; i++)
        {
            await run();
        }

        var samples = new double[iterations];
        var cpuBefore = Harness.ProcessCpu.FinishedChildrenSeconds();
        for (var i = 0; i < iterations; i++)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await run();
            samples[i] = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
        }

        var cpu = (Harness.ProcessCpu.FinishedChildrenSeconds() - cpuBefore) / iterations;
        return new Measurement(Harness.Percentiles.Of(samples, 50), Harness.Percentiles.Of(samples, 95), cpu);
    }
}

internal sealed record Measurement(double Median, double P95, double ChildCpu);
