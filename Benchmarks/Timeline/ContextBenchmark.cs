using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Glance.Api.Endpoints;
using Glance.Grains.Interfaces.Common;
using Glance.Grains.Interfaces.Events;
using Glance.Grains.Interfaces.Timeline;
namespace Glance.Benchmarks.Timeline;

/// <summary>
/// The viewer context endpoint over a populated 2-hour timeline (1 frame/s, several entities per frame), measured with
/// wrk on loopback through the whole HTTP stack (viewer token validation, rate limiter, grain call, JSON). Target:
/// >= 20,000 requests/s on 2 cores with p99 &lt;= 5 ms from the hot in-memory window. In the same run the store-backed
/// path (hot window switched off) for SQLite and, when Node is present, dynalite (skipped with GLANCE_CONTEXT_HOT_ONLY=1).
/// </summary>
public sealed partial class ContextBenchmark : IBenchmark
{
    private const int Seconds = 2 * 3600;

    public string Name => "context";

    public string Description => "GET /v1/events/{id}/context over a 2-hour timeline: requests/s and p99 with wrk (hot window; SQLite and dynalite store paths)";

    public async Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken)
    {
        if (!WrkRunner.Installed)
        {
            Console.WriteLine("  wrk is not installed (scripts/setup installs it); skipping.");
            return;
        }

        var duration = report.Quick ? 3 : 15;
        await MeasureAsync(report, "hot window (memory store)", new() { ["Storage:Provider"] = "Memory" }, duration, target: true, cancellationToken);
        if (Environment.GetEnvironmentVariable("GLANCE_CONTEXT_HOT_ONLY") == "1")
        {
            return; // A/B comparisons of the hot path: the store paths add minutes and measure something else
        }

        using var folder = new TempFolder();
        await MeasureAsync(report, "store path, SQLite", new()
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:Sqlite:Path"] = Path.Combine(folder.Path, "bench.db"),
            ["Timeline:HotWindow"] = "00:00:01",
        }, Math.Min(duration, 5), target: false, cancellationToken);
        Storage.DynaliteServer? dynalite = null;
        try
        {
            dynalite = await Storage.DynaliteServer.StartAsync(cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            Console.WriteLine($"  dynalite path skipped: {e.Message}");
        }

        await using var started = dynalite;
        if (dynalite is not null)
        {
            await MeasureAsync(report, "store path, dynalite", new()
            {
                ["Storage:Provider"] = "DynamoDb",
                ["Storage:DynamoDb:ServiceUrl"] = dynalite.ServiceUrl,
                ["Storage:DynamoDb:TablePrefix"] = "ctx-bench-",
                ["Timeline:HotWindow"] = "00:00:01",
            }, Math.Min(duration, 5), target: false, cancellationToken);
        }
    }

    private static async Task MeasureAsync(BenchmarkReport report, string label, Dictionary<string, string?> settings, int seconds, bool target, CancellationToken cancellationToken)
    {
        await using var api = new BenchmarkApi(settings);
        var baseUri = api.Start();
        var token = await PopulateAsync(api, baseUri, cancellationToken);
        var script = Path.Combine(Path.GetTempPath(), $"glance-context-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, $$"""
            math.randomseed(42)
            wrk.headers["Authorization"] = "Bearer {{token}}"
            request = function()
              return wrk.format("GET", "/v1/events/bench/context?position=" .. math.random(20, {{Seconds - 20}}) .. "&before=10&after=5")
            end
            """, cancellationToken);
        try
        {
            await WrkRunner.RunAsync(baseUri, script, Math.Max(2, seconds / 3), cancellationToken); // warm-up: JIT tiers, pools, caches
            var load = await WrkRunner.MeasureAsync(baseUri, script, seconds, cancellationToken);
            var (requestsPerSecond, p50, p99, errors) = load.Wrk;
            report.Add($"{label}: throughput", requestsPerSecond, "requests/s", target ? ">= 20,000 on 2 cores" : null, target ? requestsPerSecond >= 20_000 : null);
            report.Add($"{label}: latency p50", p50, "ms");
            report.Add($"{label}: latency p99", p99, "ms", target ? "<= 5 ms" : null, target ? p99 <= 5 : null);
            var cpuPerRequest = load.CpuMicrosecondsPerRequest;
            report.Add($"{label}: server CPU per request (load generator excluded)", cpuPerRequest, "µs");
            report.Add($"{label}: server share of the machine during the run", load.ServerSharePercent, "%");
            load.ReportMemory(report, label, "request");
            report.Add($"{label}: requests/s the server's CPU alone would allow on {Environment.ProcessorCount} cores (estimate)", Environment.ProcessorCount * 1e6 / cpuPerRequest, "requests/s");
            if (errors != 0)
            {
                report.Add($"{label}: non-2xx responses", errors, "responses");
            }
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>A tenant, an event, two hours of analysed segments (6 s, 1 frame/s, a few entities each), a viewer token.</summary>
    private static async Task<string> PopulateAsync(BenchmarkApi api, Uri baseUri, CancellationToken cancellationToken)
    {
        using var broadcaster = await BenchmarkApi.RegisterBenchEventAsync(baseUri, cancellationToken);
        var start = DateTimeOffset.UtcNow.AddDays(1);
        var token = (await (await broadcaster.PostAsJsonAsync("/v1/viewers/v1/tokens", new { lifetimeSeconds = 3600 }, cancellationToken)).Content.ReadFromJsonAsync<IssuedViewerToken>(cancellationToken))!.Token;

        var timeline = api.Services.GetRequiredService<IGrainFactory>().GetGrain<IEventTimelineGrain>(ResourceId.Scoped("bench", "bench"));
        var people = new[] { "Ada", "Grace", "Alan", "Barbara", "Edsger" };
        var stopwatch = Stopwatch.StartNew();
        for (var sequence = 0; sequence < Seconds / 6; sequence++)
        {
            var frames = Enumerable.Range(0, 6).Select(i =>
            {
                var second = (sequence * 6) + i;
                return new AnalysedFrame(i, second * 90000L, second, start.AddSeconds(second),
                [
                    new Sighting("face", "p" + (second / 60 % 5), people[second / 60 % 5], 0.9, new SightingBox(0.4, 0.2, 0.2, 0.3), "local.faces"),
                    new Sighting("team", "por", "Porto", 0.85, null, "local.teams"),
                    new Sighting("team", "san", "Santos", 0.83, null, "local.teams"),
                    new Sighting("logo", "gtv", "GTV", 0.95, new SightingBox(0.85, 0.05, 0.1, 0.06), "local.logos"),
                    new Sighting("label", null, "person", 0.7, null, "local.labels"),
                ]);
            }).ToList();
            await timeline.ApplyAsync(new SegmentAnalysisResult("bench", "bench", 0, sequence, SegmentOutcome.Analysed, null, sequence * 6, (sequence * 6) + 6, null,
                frames, null, null, [], 0, [], new SegmentTimings(0, 0, 0, 0), null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow), cancellationToken);
        }

        Console.WriteLine($"  populated {Seconds} frames in {stopwatch.Elapsed.TotalSeconds:0.0} s");
        return token;
    }
}
