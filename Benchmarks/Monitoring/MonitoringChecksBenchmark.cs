using Glance.Grains.Interfaces.Common;
using Glance.Grains.Interfaces.Monitoring;
using Glance.Grains.Interfaces.Timeline;
using Glance.Grains.Monitoring;
namespace Glance.Benchmarks.Monitoring;

/// <summary>
/// What broadcast monitoring adds per segment: the pure evaluation of every check (a 6 s segment at 1 fps with a few
/// sightings per frame, a full 200-program schedule, every check on), and the monitor grain's whole per-segment turn
/// through the real API host's silo over SQLite (evaluation, JSON, one record written). The monitor consumes the
/// results stream beside the timeline, so the turn delays when a segment's checks are visible, not its recording.
/// Target (issue 15): checks add &lt;= 50 ms per segment to the end-to-end p50.
/// </summary>
public sealed class MonitoringChecksBenchmark : IBenchmark
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 20, 0, 0, TimeSpan.Zero);

    public string Name => "monitoring-checks";

    public string Description => "Per-segment monitoring checks: pure evaluation (µs, bytes) and the monitor grain's turn over SQLite (ms)";

    public async Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken)
    {
        var schedule = ScheduleRules.Validate(Schedule());
        var evaluator = new SegmentEvaluator(new MonitoringOptions());
        var iterations = report.Quick ? 2_000 : 50_000;
        for (var i = 0; i < iterations / 10; i++)
        {
            evaluator.Evaluate(Segment(i), schedule, null, Start, Start); // warm-up
        }

        var micros = new double[iterations];
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < iterations; i++)
        {
            var segment = Segment(i % 1000);
            var started = Stopwatch.GetTimestamp();
            evaluator.Evaluate(segment, schedule, null, Start, Start);
            micros[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        report.Add("evaluation of all 10 checks, p50", Percentiles.Of(micros, 50), "µs");
        report.Add("evaluation of all 10 checks, p99", Percentiles.Of(micros, 99), "µs");
        report.Add("allocated per segment (evaluation, segment building included)", allocated / (double)iterations, "bytes");

        using var folder = new TempFolder();
        await using var api = new BenchmarkApi(new() { ["Storage:Provider"] = "Sqlite", ["Storage:Sqlite:Path"] = Path.Combine(folder.Path, "bench.db") });
        var baseUri = api.Start();
        var monitor = await RegisterAsync(api, baseUri, schedule, cancellationToken);
        var segments = report.Quick ? 100 : 1_000;
        var turns = new double[segments];
        for (var i = 0; i < segments; i++)
        {
            var segment = Segment(i);
            var started = Stopwatch.GetTimestamp();
            await monitor.ApplyAsync(segment, cancellationToken);
            turns[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        var p50 = Percentiles.Of(turns, 50);
        report.Add("monitor grain turn per segment over SQLite (grain call, checks, JSON, record write), p50", p50, "ms", "<= 50 ms added to end-to-end p50", p50 <= 50);
        report.Add("monitor grain turn per segment over SQLite, p99", Percentiles.Of(turns, 99), "ms");
        var stored = await monitor.GetSegmentChecksAsync(segments - 1, cancellationToken);
        report.Add("checks recorded for the last segment", stored?.Checks.Count ?? 0, "checks");
    }

    private static async Task<IEventMonitorGrain> RegisterAsync(BenchmarkApi api, Uri baseUri, IReadOnlyList<ScheduledProgram> schedule, CancellationToken cancellationToken)
    {
        using var broadcaster = await BenchmarkApi.RegisterBenchEventAsync(baseUri, cancellationToken);
        // The schedule is put straight on the grain: its programs sit at the benchmark's fixed start, not the event's.
        var monitor = api.Services.GetRequiredService<IGrainFactory>().GetGrain<IEventMonitorGrain>(ResourceId.Scoped("bench", "bench"));
        await monitor.PutScheduleAsync(schedule, cancellationToken);
        return monitor;
    }

    /// <summary>200 programs of 6 minutes, news and matches alternating; matches with a logo, sport, two teams and a break.</summary>
    private static List<ScheduledProgram?> Schedule() =>
    [
        .. Enumerable.Range(0, MonitoringLimits.MaxPrograms).Select(i =>
        {
            var from = Start.AddMinutes(6 * i);
            return (ScheduledProgram?)(i % 2 == 0
                ? new ScheduledProgram($"News {i}", from, from.AddMinutes(6), $"n{i}", "news", "GTV News")
                : new ScheduledProgram($"Match {i}", from, from.AddMinutes(6), $"m{i}", "sport", "GTV Sports", "soccer", ["Porto", "Santos"], Breaks: [new ScheduledBreak(from.AddMinutes(3), from.AddMinutes(4))]));
        }),
    ];

    /// <summary>Segment <paramref name="sequence"/>: 6 frames at 1 fps with a logo, both teams, a scoreboard's text and labels.</summary>
    internal static SegmentAnalysisResult Segment(int sequence)
    {
        var start = sequence * 6.0;
        var frames = Enumerable.Range(0, 6).Select(i => new AnalysedFrame(i, (long)((start + i) * 90000), start + i, Start.AddSeconds(start + i),
        [
            new Sighting("logo", "gtv", "GTV Sports", 0.95, new SightingBox(0.85, 0.05, 0.1, 0.06), "local.logos"),
            new Sighting("team", "por", "Porto", 0.85, null, "local.teams"),
            new Sighting("team", "san", "Santos", 0.83, null, "local.teams"),
            new Sighting("text", null, "POR 1 - 0 SAN", 0.8, null, "local.text"),
            new Sighting("sport", "scene", "soccer", 0.7, null, "local.sport"),
            new Sighting("label", null, "person", 0.7, null, "local.labels"),
            new Sighting("face", null, "face", 0.9, new SightingBox(0.4, 0.2, 0.2, 0.3), "local.faces"),
        ])).ToList();
        var signals = new SegmentSignals(true, true, false, [new TimeRange(start + 1, start + 1.5)], [], [], -23.4, -20, -2.1, true);
        return new SegmentAnalysisResult("bench", "bench", 0, sequence, SegmentOutcome.Analysed, null, start, start + 6, Start.AddSeconds(start),
            frames, signals, new SegmentTransport(3000, new Dictionary<string, long>()), [], 0, [], new SegmentTimings(0, 0, 0, 0), null, Start, Start);
    }
}
