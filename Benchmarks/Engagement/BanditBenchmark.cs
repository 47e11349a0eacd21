using System.Net.Http.Json;
using System.Text;
using Glance.Api.Endpoints;
using Glance.Grains.Engagement;
using Glance.Grains.Interfaces.Common;
using Glance.Grains.Interfaces.Engagement;
using Glance.Grains.Interfaces.Timeline;
using Glance.Grains.Interfaces.Viewers;
using Glance.Storage;
using Glance.Storage.Sqlite;
namespace Glance.Benchmarks.Engagement;

/// <summary>
/// The learning ranker on a simulated audience (issue 14 item 5): thousands of viewers with hidden tastes over kinds,
/// teams and players, a replayed hour of a match, 50,000 decisions through the real viewer grains with their feedback
/// through the real engagement path. Every decision is scored against the hidden truth for the learner's choice, the
/// static rules' choice and a uniform random choice in the same context, so the comparison has no sampling noise
/// from running the policies separately; the learner's own IPS estimates are set beside the truth. Then decision
/// latency through GET /v1/events/{id}/instruments/next with wrk, on the warm model.
/// </summary>
public sealed class BanditBenchmark : IBenchmark
{
    private const int Seed = 14;
    private const int Workers = 8;

    public string Name => "bandit";

    public string Description => "Learning ranker vs random vs targeting rules on a simulated audience (50,000 decisions, regret PNG), then instruments/next latency with wrk";

    public async Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken)
    {
        // GLANCE_BANDIT_DECISIONS shortens a run on a busy machine (the report says how many ran).
        var shortened = int.TryParse(Environment.GetEnvironmentVariable("GLANCE_BANDIT_DECISIONS"), CultureInfo.InvariantCulture, out var asked);
        var decisions = shortened ? asked : report.Quick ? 5_000 : 50_000;
        // GLANCE_BANDIT_VIEWERS: a different audience size, to see what the number of live viewer grains costs.
        var viewers = int.TryParse(Environment.GetEnvironmentVariable("GLANCE_BANDIT_VIEWERS"), CultureInfo.InvariantCulture, out var audienceSize) ? audienceSize : report.Quick ? 500 : 2_000;
        // The embedded default (SQLite) unless GLANCE_BANDIT_STORAGE says otherwise: DynamoDb (dynalite on loopback, the
        // cluster's store path; a single-threaded Node.js server sharing the cores, so slower than the service), or
        // Memory (Orleans' memory provider keeps state in a few storage grains, a bottleneck no deployment has).
        var provider = Environment.GetEnvironmentVariable("GLANCE_BANDIT_STORAGE") ?? "Sqlite";
        await using var dynalite = provider == "DynamoDb" ? await Storage.DynaliteServer.StartAsync(cancellationToken) : null;
        using var folder = new TempFolder();
        await using var api = new BenchmarkApi(new()
        {
            ["Storage:Provider"] = provider,
            ["Storage:Sqlite:Path"] = Path.Combine(folder.Path, "bench.db"),
            ["Storage:DynamoDb:ServiceUrl"] = dynalite?.ServiceUrl,
            ["Storage:DynamoDb:TablePrefix"] = "bandit-bench-",
            // Not the default 11111: another silo on this machine in localhost clustering would take this one's place.
            ["Orleans:SiloPort"] = FreeLoopbackPort().ToString(CultureInfo.InvariantCulture),
            // Simulated responses come at once: a short window resolves silent impressions as 0 within the run.
            ["Engagement:Learning:AttributionWindow"] = "00:00:02",
            // The policies are compared on the eligibility the benchmark replays, which knows nothing of dismissals.
            ["Engagement:DismissalSuppression"] = "00:00:00",
        });
        var baseUri = api.Start();
        using var broadcaster = await BenchmarkApi.RegisterBenchEventAsync(baseUri, cancellationToken);
        foreach (var (id, definition) in SimulatedAudience.Instruments())
        {
            (await broadcaster.PutAsJsonAsync($"/v1/events/bench/instruments/{id}", definition, cancellationToken)).EnsureSuccessStatusCode();
        }

        var grains = api.Services.GetRequiredService<IGrainFactory>();
        var eventKey = ResourceId.Scoped("bench", "bench");
        await ReplayTimelineAsync(grains.GetGrain<IEventTimelineGrain>(eventKey), cancellationToken);
        var audience = SimulatedAudience.Create(viewers, new Random(Seed));
        await Parallel.ForEachAsync(audience.Viewers, new ParallelOptions { MaxDegreeOfParallelism = Workers, CancellationToken = cancellationToken }, async (viewer, ct) =>
            await grains.GetGrain<IViewerGrain>(ResourceId.Scoped("bench", viewer.Id)).PutProfileAsync(viewer.Profile, ct));

        var stopwatch = Stopwatch.StartNew();
        var outcomes = await SimulateAsync(grains, audience, decisions, cancellationToken);
        var elapsed = stopwatch.Elapsed;
        var learning = await SettledReportAsync(grains.GetGrain<IInstrumentLearnerGrain>(eventKey), cancellationToken);
        // Only the documented run (the full count) redraws the figure docs/benchmarks.md shows; a shortened one draws its own.
        var plot = shortened || report.Quick ? Path.Combine(Path.GetTempPath(), "glance-bandit-regret.png") : Path.Combine(RepositoryRoot.Find(), "docs", "bandit-regret.png");
        Summarize(report, outcomes, learning, elapsed, plot);
        if (DecisionAllocationProbe.Enabled)
        {
            await DecisionAllocationProbe.RunAsync(api.Services, audience, cancellationToken);
        }

        if (!WrkRunner.Installed)
        {
            Console.WriteLine("  wrk is not installed (scripts/setup installs it); decision latency skipped.");
            return;
        }

        var records = api.Services.GetRequiredService<IStorageProvider>().SortedRecords as SqliteSortedRecordStore;
        var (transactions, puts) = (records?.PutTransactions ?? 0, records?.CommittedPuts ?? 0);
        await MeasureLatencyAsync(report, baseUri, broadcaster, audience, cancellationToken);
        if (records is not null)
        {
            // The group commit's effect: puts that waited for the write turn share its transaction.
            report.Add("SQLite record puts per transaction during the wrk runs", (records.CommittedPuts - puts) / (double)Math.Max(1, records.PutTransactions - transactions), "puts");
        }

        await ViewerStorageFigures.ReportAsync(report, Path.Combine(folder.Path, "bench.db"), cancellationToken);
    }

    /// <summary>Segments of 6 s at 1 frame/s whose frames show each second's scene.</summary>
    private static async Task ReplayTimelineAsync(IEventTimelineGrain timeline, CancellationToken cancellationToken)
    {
        var start = DateTimeOffset.UtcNow.AddDays(1);
        for (var sequence = 0; sequence < SimulatedAudience.TimelineSeconds / 6; sequence++)
        {
            var frames = Enumerable.Range(0, 6).Select(i =>
            {
                var second = (sequence * 6) + i;
                var sightings = SimulatedAudience.Scene(second, Seed).Select(e => new Sighting(e.Kind, e.Id, e.Name, 0.9, null, "simulated")).ToList();
                return new AnalysedFrame(i, second * 90000L, second, start.AddSeconds(second), sightings);
            }).ToList();
            await timeline.ApplyAsync(
                new SegmentAnalysisResult("bench", "bench", 0, sequence, SegmentOutcome.Analysed, null, sequence * 6, (sequence * 6) + 6, null,
                    frames, null, null, [], 0, [], new SegmentTimings(0, 0, 0, 0), null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow),
                cancellationToken);
        }
    }

    /// <summary>
    /// Decisions walk the replayed hour once (random viewers, several at a time as a live audience would); each viewer
    /// responds with their hidden probability (the response the instrument asks for), or else reports an impression
    /// (its window closes as reward 0) or a dismissal.
    /// </summary>
    private static async Task<DecisionOutcome[]> SimulateAsync(IGrainFactory grains, SimulatedAudience audience, int decisions, CancellationToken cancellationToken)
    {
        var eventKey = ResourceId.Scoped("bench", "bench");
        var timeline = grains.GetGrain<IEventTimelineGrain>(eventKey);
        var instruments = await grains.GetGrain<IInstrumentCatalogGrain>(eventKey).GetAllAsync(cancellationToken);
        var outcomes = new DecisionOutcome[decisions];
        var next = -1;
        var mismatches = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, Workers), new ParallelOptions { MaxDegreeOfParallelism = Workers, CancellationToken = cancellationToken }, async (worker, ct) =>
        {
            var random = new Random(Seed + (worker * 7919));
            int index;
            while ((index = Interlocked.Increment(ref next)) < decisions)
            {
                var viewer = audience.Viewers[random.Next(audience.Viewers.Count)];
                var grain = grains.GetGrain<IViewerGrain>(ResourceId.Scoped("bench", viewer.Id));
                var position = 20 + (index * (SimulatedAudience.TimelineSeconds - 40.0) / decisions);
                var decision = await grain.NextInstrumentAsync(new DecisionRequest("bench", position, null, 10, 5), ct)
                    ?? throw new InvalidOperationException("The untargeted poll always qualifies; a decision answered nothing.");
                var window = await timeline.GetContextAsync(position, 10, 5, ct);
                var candidates = InstrumentEligibility.Candidates(instruments, new RankingContext("bench", "bench", position, window.Entities, viewer.Profile, DateTimeOffset.UtcNow), null, _ => null);
                if (candidates.Count != decision.Candidates)
                {
                    Interlocked.Increment(ref mismatches);
                }

                var p = candidates.Select(c => SimulatedAudience.ResponseProbability(viewer, c.Instrument, c.Matched)).ToArray();
                var chosen = candidates.FindIndex(c => c.Instrument.Id == decision.Instrument.Id);
                var rules = candidates.IndexOf(TargetingRuleRanker.Choose(candidates).Chosen);
                var responded = random.NextDouble() < p[chosen];
                outcomes[index] = new DecisionOutcome(p[chosen], p[rules], p.Average(), p.Max(), responded);

                // A response without an impression report counts as the reward (devices may not report impressions);
                // a silent viewer reports only the impression half of the time and dismisses the other half.
                if (responded)
                {
                    var (type, choice) = decision.Instrument.Kind switch
                    {
                        InstrumentKind.Ad => (EngagementType.Click, (int?)null),
                        InstrumentKind.Trivia or InstrumentKind.Quiz => (EngagementType.Answer, 1),
                        InstrumentKind.Poll => (EngagementType.Vote, 0),
                        _ => (EngagementType.Purchase, null),
                    };
                    await grain.EngageAsync(new EngagementReport(decision.DecisionId, type, decision.DecisionId + ":r", choice), ct);
                }
                else
                {
                    var type = random.NextDouble() < 0.5 ? EngagementType.Dismiss : EngagementType.Impression;
                    await grain.EngageAsync(new EngagementReport(decision.DecisionId, type, decision.DecisionId + ":r"), ct);
                }

                if ((index + 1) % 5_000 == 0)
                {
                    Console.WriteLine($"  {index + 1:N0} decisions");
                }
            }
        });

        if (mismatches > 0)
        {
            Console.WriteLine($"  warning: {mismatches} decisions saw another candidate count than the benchmark's replay of eligibility");
        }

        return outcomes;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The learner's report once the last attribution windows have closed.</summary>
    private static async Task<LearningReport> SettledReportAsync(IInstrumentLearnerGrain learner, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var learning = await learner.GetReportAsync(cancellationToken);
            if (learning.Pending == 0 || DateTime.UtcNow > deadline)
            {
                return learning;
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    private static void Summarize(BenchmarkReport report, DecisionOutcome[] outcomes, LearningReport learning, TimeSpan elapsed, string path)
    {
        var half = outcomes.Length / 2;
        var late = outcomes[half..];
        var learner = late.Average(o => o.Learner);
        var random = late.Average(o => o.Random);
        var rules = late.Average(o => o.Rules);
        report.Add("decisions (simulated audience, through the viewer grains)", outcomes.Length, "decisions");
        report.Add("simulation rate (decision + feedback + replayed eligibility, 8 at a time)", outcomes.Length / elapsed.TotalSeconds, "decisions/s");
        report.Add("learner: observed response rate, all decisions", outcomes.Average(o => o.Responded ? 1 : 0), "responses/decision");
        report.Add("learner: expected response rate, all decisions", outcomes.Average(o => o.Learner), "responses/decision");
        report.Add("random: expected response rate, all decisions", outcomes.Average(o => o.Random), "responses/decision");
        report.Add("targeting rules: expected response rate, all decisions", outcomes.Average(o => o.Rules), "responses/decision");
        report.Add("oracle (best eligible instrument): expected response rate", outcomes.Average(o => o.Best), "responses/decision");
        report.Add($"after warm-up (last {late.Length:N0}): learner", learner, "responses/decision");
        report.Add($"after warm-up (last {late.Length:N0}): random", random, "responses/decision");
        report.Add($"after warm-up (last {late.Length:N0}): targeting rules", rules, "responses/decision");
        report.Add("after warm-up: learner / random", learner / random, "x", ">= 1.5", learner / random >= 1.5);
        report.Add("after warm-up: learner / targeting rules", learner / rules, "x", "> 1", learner > rules);
        report.Add("learner: resolved decisions it learned from", learning.Resolved, "decisions");
        foreach (var estimate in learning.Estimates)
        {
            var truth = estimate.Policy switch
            {
                "targeting-rules" => outcomes.Average(o => o.Rules),
                "uniform-random" => outcomes.Average(o => o.Random),
                _ => double.NaN,
            };
            report.Add($"IPS estimate from the learner's log: {estimate.Policy}{(double.IsNaN(truth) ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" (truth {truth:0.0000})"))}", estimate.Ips ?? double.NaN, "responses/decision");
            report.Add($"self-normalized estimate: {estimate.Policy}", estimate.SelfNormalized ?? double.NaN, "responses/decision");
        }

        var step = Math.Max(1, outcomes.Length / 500);
        var xs = Enumerable.Range(0, (outcomes.Length / step) + 1).Select(i => (double)Math.Min(i * step, outcomes.Length)).ToArray();
        RegretPlot.Save(
            path,
            [
                ("learner (LinUCB, ε = 0.1)", xs, Cumulative(outcomes, o => o.Best - o.Learner, xs)),
                ("targeting rules", xs, Cumulative(outcomes, o => o.Best - o.Rules, xs)),
                ("uniform random", xs, Cumulative(outcomes, o => o.Best - o.Random, xs)),
            ],
            $"Simulated audience: cumulative regret over {outcomes.Length:N0} decisions");
        Console.WriteLine($"  regret curve written to {path}");
    }

    private static double[] Cumulative(DecisionOutcome[] outcomes, Func<DecisionOutcome, double> regret, double[] at)
    {
        var values = new double[at.Length];
        var sum = 0.0;
        var done = 0;
        for (var i = 0; i < at.Length; i++)
        {
            for (; done < (int)at[i]; done++)
            {
                sum += regret(outcomes[done]);
            }

            values[i] = sum;
        }

        return values;
    }

    /// <summary>wrk through the whole HTTP stack (viewer tokens, rate limiter, viewer grain, cached model, JSON), random viewers and positions.</summary>
    private static async Task MeasureLatencyAsync(BenchmarkReport report, Uri baseUri, HttpClient broadcaster, SimulatedAudience audience, CancellationToken cancellationToken)
    {
        var tokens = new StringBuilder();
        foreach (var viewer in audience.Viewers)
        {
            var token = (await (await broadcaster.PostAsJsonAsync($"/v1/viewers/{viewer.Id}/tokens", new { lifetimeSeconds = 3600 }, cancellationToken)).Content.ReadFromJsonAsync<IssuedViewerToken>(cancellationToken))!.Token;
            tokens.Append('"').Append(token).Append("\",");
        }

        var script = Path.Combine(Path.GetTempPath(), $"glance-next-{Guid.NewGuid():N}.lua");
        var paced = Path.Combine(Path.GetTempPath(), $"glance-next-paced-{Guid.NewGuid():N}.lua");
        var floor = Path.Combine(Path.GetTempPath(), $"glance-healthz-paced-{Guid.NewGuid():N}.lua");
        var requests = $$"""
            math.randomseed(42)
            local tokens = { {{tokens}} }
            request = function()
              local headers = { ["Authorization"] = "Bearer " .. tokens[math.random(#tokens)] }
              return wrk.format("GET", "/v1/events/bench/instruments/next?position=" .. math.random(20, {{SimulatedAudience.TimelineSeconds - 20}}), headers)
            end
            """;
        await File.WriteAllTextAsync(script, requests, cancellationToken);

        // Saturation measures throughput, but its p99 is the queue of a closed loop that keeps both cores full (wrk on
        // the same cores). The latency goal is stated at a rate: each connection waits between requests, so 24
        // connections offer a little over 5,000 decisions/s and p99 is the service time at that rate.
        await File.WriteAllTextAsync(paced, requests + $"\ndelay = function() return {PacedDelayMilliseconds} end\n", cancellationToken);
        try
        {
            var seconds = report.Quick ? 3 : 15;
            var (warmed, stillCompiling) = await WrkRunner.WarmUpAsync(baseUri, script, cancellationToken, connections: "16", maxRounds: report.Quick ? 1 : 12);
            report.Add("warm-up at saturation, until the JIT settles", warmed, "s");
            report.Add("warm-up: methods compiled in its last 3 s", stillCompiling, "methods");
            Add(report, "instruments/next, 16 connections (saturation)", await WrkRunner.MeasureAsync(baseUri, script, seconds, cancellationToken, connections: "16"));
            Add(report, $"instruments/next, {PacedConnections} connections paced {PacedDelayMilliseconds} ms", await WrkRunner.MeasureAsync(baseUri, paced, seconds, cancellationToken, connections: PacedConnections.ToString(System.Globalization.CultureInfo.InvariantCulture)));

            // The floor under that p99: the liveness endpoint (no token, no grain, no JSON body) at the same pace, in the
            // same process with the same heap, on the same two cores as wrk.
            await File.WriteAllTextAsync(floor, $"request = function() return wrk.format(\"GET\", \"/healthz\") end\ndelay = function() return {PacedDelayMilliseconds} end\n", cancellationToken);
            var liveness = await WrkRunner.MeasureAsync(baseUri, floor, seconds, cancellationToken, connections: PacedConnections.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var label = $"floor: /healthz, {PacedConnections} connections paced {PacedDelayMilliseconds} ms";
            report.Add($"{label}: throughput", liveness.Wrk.RequestsPerSecond, "requests/s");
            report.Add($"{label}: latency p99", liveness.Wrk.P99Milliseconds, "ms");
            report.Add($"{label}: server CPU per request", liveness.CpuMicrosecondsPerRequest, "µs");
            liveness.ReportMemory(report, label, "request");
        }
        finally
        {
            File.Delete(script);
            File.Delete(paced);
            File.Delete(floor);
        }
    }

    private const int PacedConnections = 24;

    private const int PacedDelayMilliseconds = 3;

    private static void Add(BenchmarkReport report, string label, ServerLoad load)
    {
        var (rate, p50, p99, errors) = load.Wrk;
        report.Add($"{label}: throughput", rate, "decisions/s", ">= 5,000 on 2 cores", rate >= 5_000);
        report.Add($"{label}: latency p50", p50, "ms");
        report.Add($"{label}: latency p99", p99, "ms", "<= 5 ms", p99 <= 5);
        report.Add($"{label}: server CPU per decision (load generator excluded)", load.CpuMicrosecondsPerRequest, "µs");
        report.Add($"{label}: server share of the machine during the run", load.ServerSharePercent, "%");
        load.ReportMemory(report, label, "decision");
        report.Add($"{label}: non-2xx responses", errors, "responses");
    }
}
