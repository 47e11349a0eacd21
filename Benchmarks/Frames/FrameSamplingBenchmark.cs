using Glance.Media.Analysis;
using Glance.Media.Frames;
using Glance.Media.Processes;
using Glance.Media.Signals;
using Glance.Media.Timing;

namespace Glance.Benchmarks.Frames;

/// <summary>
/// Frames at 1 fps from a 6 s 720p30 segment, as RGB in memory with exact timestamps, against the approach it replaces
/// (ffmpeg writes JPEG files at fps=1, which are read back), in the same run.
/// </summary>
public sealed class FrameSamplingBenchmark : IBenchmark
{
    public string Name => "frames";

    public string Description => "1 fps RGB frames from a 6 s 720p30 segment (GOP 30 and 60) vs JPEG files read back";

    public async Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken)
    {
        var iterations = report.Quick ? 5 : 20;
        var analyzer = BenchmarkSegment.Analyzer();
        foreach (var gop in new[] { 30, 60 })
        {
            var segment = await BenchmarkSegment.CreateAsync(gop, cancellationToken);
            Console.WriteLine($"  segment: GOP {gop}, {segment.Length / 1024} KiB");

            // Steady state of a running stream: the previous segment told whether keyframe-only decoding holds.
            var state = StreamAnalysisState.Start();
            var request = new SegmentAnalysisRequest(new SegmentMedia(segment), new SegmentTiming(1, 6), state) { Signals = SignalOptions.None };
            var learned = await analyzer.AnalyzeAsync(request, null, cancellationToken);
            request = request with { State = state with { KeyframePathHolds = learned.NextState.KeyframePathHolds } };
            Console.WriteLine($"  GOP {gop}: {learned.Frames.Count} frames via {learned.FrameSource}, {learned.Frames[0].Image.Width}x{learned.Frames[0].Image.Height}");

            var ours = await BenchmarkSegment.MeasureAsync(iterations, () => analyzer.AnalyzeAsync(request, null, cancellationToken));
            var fullDecode = await BenchmarkSegment.MeasureAsync(iterations, () =>
                analyzer.AnalyzeAsync(request with { Sampling = new SamplingOptions { KeyframeFastPath = false } }, null, cancellationToken));
            var jpeg = await BenchmarkSegment.MeasureAsync(iterations, () => JpegFilesAsync(segment, cancellationToken));

            report.Add($"GOP {gop}: frames ({learned.FrameSource}) median", ours.Median, "s", gop == 30 ? "<= 0.15 s" : null, gop == 30 ? ours.Median <= 0.15 : null);
            report.Add($"GOP {gop}: frames p95", ours.P95, "s");
            report.Add($"GOP {gop}: frames, ffmpeg CPU per segment", ours.ChildCpu, "s");
            report.Add($"GOP {gop}: frames, full decode forced, median", fullDecode.Median, "s");
            report.Add($"GOP {gop}: frames, full decode forced, ffmpeg CPU per segment", fullDecode.ChildCpu, "s");
            report.Add($"GOP {gop}: JPEG files at fps=1 read back, median", jpeg.Median, "s");
            report.Add($"GOP {gop}: JPEG files, ffmpeg CPU per segment", jpeg.ChildCpu, "s");
            report.Add($"GOP {gop}: speed-up over JPEG files", jpeg.Median / ours.Median, "x");
        }
    }

    /// <summary>The replaced approach: ffmpeg writes one JPEG per second into a directory, the files are read back.</summary>
    private static async Task JpegFilesAsync(byte[] segment, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("glance-jpeg-");
        try
        {
            var input = Path.Combine(directory.FullName, "segment.ts");
            await File.WriteAllBytesAsync(input, segment, cancellationToken);
            string[] arguments = ["-hide_banner", "-nostdin", "-loglevel", "error", "-i", input, "-vf", "fps=1", Path.Combine(directory.FullName, "frame%03d.jpg")];
            await ChildProcess.RunCheckedAsync(new ChildProcessRequest("ffmpeg", arguments), cancellationToken);
            foreach (var file in Directory.EnumerateFiles(directory.FullName, "*.jpg"))
            {
                _ = await File.ReadAllBytesAsync(file, cancellationToken);
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
