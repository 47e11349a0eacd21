using Glance.Media.Analysis;
using Glance.Media.Frames;
using Glance.Media.Signals;
using Glance.Media.Timing;

namespace Glance.Benchmarks.Frames;

/// <summary>All signal checks (silence, loudness with true peak, black, freeze, captions, audio presence) on a 6 s 720p30 segment.</summary>
public sealed class SignalChecksBenchmark : IBenchmark
{
    public string Name => "signals";

    public string Description => "All signal checks on a 6 s 720p30 segment; and frames + signals together";

    public async Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken)
    {
        var iterations = report.Quick ? 5 : 20;
        var analyzer = BenchmarkSegment.Analyzer();
        var segment = await BenchmarkSegment.CreateAsync(30, cancellationToken);
        var request = new SegmentAnalysisRequest(new SegmentMedia(segment), new SegmentTiming(1, 6), StreamAnalysisState.Start() with { KeyframePathHolds = true });

        var signalsOnly = request with { Sampling = new SamplingOptions { Mode = SamplingMode.Off } };
        var signals = await BenchmarkSegment.MeasureAsync(iterations, () => analyzer.AnalyzeAsync(signalsOnly, null, cancellationToken));
        report.Add("signal checks only, median", signals.Median, "s", "<= 0.5 s", signals.Median <= 0.5);
        report.Add("signal checks only, p95", signals.P95, "s");
        report.Add("signal checks only, ffmpeg CPU per segment", signals.ChildCpu, "s");

        // Frames and signals together: the keyframe run and the signal run go concurrently; frames are handed over first.
        var framesAt = new List<double>();
        var both = await BenchmarkSegment.MeasureAsync(iterations, async () =>
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await analyzer.AnalyzeAsync(request, (_, _) =>
            {
                framesAt.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
                return Task.CompletedTask;
            }, cancellationToken);
        });
        report.Add("frames + signals, median", both.Median, "s");
        report.Add("frames + signals, p95", both.P95, "s");
        report.Add("frames + signals, ffmpeg CPU per segment", both.ChildCpu, "s");
        report.Add("frames + signals: frames handed over, median", Percentiles.Of(framesAt.ToArray().AsSpan(framesAt.Count > iterations ? framesAt.Count - iterations : 0), 50), "s");

        var singleProcess = request with { Sampling = new SamplingOptions { KeyframeFastPath = false } };
        var one = await BenchmarkSegment.MeasureAsync(iterations, () => analyzer.AnalyzeAsync(singleProcess, null, cancellationToken));
        report.Add("frames + signals in one process (no keyframe run), median", one.Median, "s");
        report.Add("frames + signals in one process, ffmpeg CPU per segment", one.ChildCpu, "s");
    }
}
