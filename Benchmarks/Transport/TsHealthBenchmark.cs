using Glance.Media.Transport;

namespace Glance.Benchmarks.Transport;

/// <summary>
/// TR 101 290 analysis alone, single-threaded, over a real ffmpeg-made 720p HLS segment held in memory and analysed again
/// and again as one stream. Target from the brief: at least 1 GB/s per core.
/// </summary>
public sealed class TsHealthBenchmark : IBenchmark
{
    public string Name => "ts-health";

    public string Description => "TR 101 290 checks on a 720p ffmpeg segment in memory, one core (target >= 1 GB/s)";

    public async Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), "glance-ts-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var segment = await MakeSegmentAsync(directory, cancellationToken);
            Measure(segment, report, cancellationToken);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Measure(byte[] segment, BenchmarkReport report, CancellationToken cancellationToken)
    {
        var analyzer = new TransportStreamAnalyzer();
        var warmup = Stopwatch.StartNew();
        while (warmup.ElapsedMilliseconds < 500)
        {
            analyzer.MarkDiscontinuity();
            analyzer.Analyze(segment);
        }

        var rounds = report.Quick ? 5 : 25;
        var roundDuration = TimeSpan.FromMilliseconds(200);
        var throughputs = new double[rounds];
        long errors = 0;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long analysed = 0;
        for (var round = 0; round < rounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long bytes = 0;
            var stopwatch = Stopwatch.StartNew();
            while (stopwatch.Elapsed < roundDuration)
            {
                // The same segment again is a new stretch of the stream as far as counters and clock go.
                analyzer.MarkDiscontinuity();
                errors += analyzer.Analyze(segment).Errors.TotalCount;
                bytes += segment.Length;
                analysed++;
            }

            throughputs[round] = bytes / stopwatch.Elapsed.TotalSeconds / 1e9;
        }

        var allocatedPerSegment = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)analysed;
        var median = Percentiles.Of(throughputs.AsSpan(), 50);
        report.Add("segment size", segment.Length / 1e6, "MB");
        report.Add("throughput, one core (median)", median, "GB/s", ">= 1 GB/s", median >= 1.0);
        report.Add("throughput, one core (best round)", throughputs.Max(), "GB/s");
        report.Add("packets per second (median)", median * 1e9 / 188 / 1e6, "M packets/s");
        report.Add("allocated per segment (report only)", allocatedPerSegment, "bytes");
        report.Add("errors found in the clean segment", errors, "count", "0", errors == 0);
    }

    private static async Task<byte[]> MakeSegmentAsync(string directory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("ffmpeg") { WorkingDirectory = directory, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-f", "lavfi", "-i", "sine",
            "-t", "4", "-c:v", "libx264", "-g", "60", "-b:v", "6M", "-c:a", "aac", "-f", "hls", "-hls_time", "2",
            "-hls_segment_options", "pat_period=0.1:pcr_period=20", "-hls_segment_filename", "segment%d.ts", "index.m3u8",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start.");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg failed: {await stderr}");
        }

        return await File.ReadAllBytesAsync(Path.Combine(directory, "segment0.ts"), cancellationToken);
    }
}
