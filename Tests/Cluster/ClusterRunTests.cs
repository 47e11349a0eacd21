using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Glance.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Glance.Tests.Cluster;

/// <summary>
/// The cluster run (issue 16): dynalite and N Api processes (each co-hosting a silo) on loopback, M live events on
/// synthetic ffmpeg HLS sources, viewer context traffic from wrk through every silo, one silo killed with SIGKILL and a
/// new one added, then (by default) a rolling restart: each silo replaced in turn, the new one ready before the old one
/// gets SIGTERM, as a Kubernetes rolling update with maxUnavailable 0 does. Afterwards no segment of any event may be
/// missing or recorded twice. CI runs the small size (2 silos, 2 events); scripts/cluster-run runs the recorded sizes.
/// </summary>
[Collection(DynaliteCollection.Name)]
public sealed partial class ClusterRunTests(DynaliteFixture dynalite, ITestOutputHelper output)
{
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan RecordingWithin = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan StopWithin = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan CpuWindow = TimeSpan.FromSeconds(15);

    private readonly List<ClusterProcess> processes = [];
    private int started;

    [Fact]
    public async Task Kill_add_and_rolling_restart_under_viewer_load_lose_no_segment_and_record_none_twice()
    {
        var size = ClusterRunSize.FromEnvironment();
        var report = new ClusterRunReport(size);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var token = cancellation.Token;

        var sources = new List<(LiveHlsSource Live, HlsFileServer Origin)>();
        var passed = false;
        try
        {
            // One-second segments and a four-minute window: a failover or a restart leaves every unrecorded segment
            // listed, so a gap could only come from the product.
            for (var i = 0; i < size.Events; i++)
            {
                var live = await LiveHlsSource.StartAsync(segmentSeconds: 1, listSize: 240, minimumSegments: 2);
                sources.Add((live, await HlsFileServer.StartAsync(live.Folder.Path)));
            }

            var environment = ProcessApi.ClusterEnvironment(dynalite.ServiceUrl);
            // wrk is one viewer asking as fast as it can: the per-viewer limit would answer it 429.
            environment["Access__RateLimits__ViewerPerSecond"] = "10000000";
            environment["Access__RateLimits__ViewerBurst"] = "10000000";
            var first = Start(environment);
            await first.WaitReadyAsync(ReadyWithin, token);
            var others = Enumerable.Range(1, size.Silos - 1).Select(_ => Start(environment)).ToList();
            await Task.WhenAll(others.Select(p => p.WaitReadyAsync(ReadyWithin, token)));

            var key = await ProcessApi.CreateTenantAsync(first, token);
            var events = Enumerable.Range(1, size.Events).Select(i => $"ev-{i}").ToList();
            for (var i = 0; i < events.Count; i++)
            {
                await ProcessApi.CreateLiveEventAsync(first, key, events[i], sources[i].Origin.Url(sources[i].Live.PlaylistName), token, size.Detectors);
            }

            foreach (var eventId in events)
            {
                await WaitForAsync(async q => (await ProcessApi.ReadSegmentsAsync(q, key, eventId, token)).Count >= 3, $"{eventId} records its first segments", RecordingWithin, token);
            }

            report.CpuSecondsPerSegment = await CpuPerSegmentAsync(key, events, token);

            // Placement and real time: which silo runs each stream, and how far each is behind its playlist.
            var owners = new Dictionary<string, ClusterProcess>();
            var behind = new Dictionary<string, long>();
            for (var i = 0; i < events.Count; i++)
            {
                var ingest = await RetryAsync(q => ProcessApi.IngestStatusAsync(q, key, events[i], token), token);
                owners[events[i]] = Owner(ingest);
                var recorded = await RetryAsync(q => ProcessApi.ReadSegmentsAsync(q, key, events[i], token), token);
                behind[events[i]] = Math.Max(0, NewestListed(sources[i].Live) - recorded[^1].Sequence);
            }

            foreach (var process in Alive())
            {
                var own = owners.Where(o => o.Value == process).Select(o => o.Key).ToList();
                report.Placement.Add((process.Name, own.Count, own.Count == 0 ? 0 : own.Max(e => behind[e])));
            }

            // Viewer context traffic through every silo at once.
            var viewerToken = await ViewerTokenAsync(first, key, token);
            report.Context.AddRange(await Task.WhenAll(Alive().Select(p => WrkLoad.RunAsync(p, viewerToken, events, size.WrkSeconds, size.WrkConnections, token))));

            // SIGKILL the silo running the most streams; its events must resume on the survivors.
            var victim = owners.Values.GroupBy(p => p).MaxBy(g => g.Count())!.Key;
            var victimEvents = owners.Where(o => o.Value == victim).Select(o => o.Key).ToList();
            var killedAt = DateTimeOffset.UtcNow;
            await victim.KillAsync();
            report.Killed = victim.Name;
            report.KilledEvents = victimEvents.Count;
            output.WriteLine($"SIGKILL {victim.Name} at {killedAt:O}, running {string.Join(", ", victimEvents)}");
            if (Alive().Count == 0)
            {
                await Start(environment).WaitReadyAsync(ReadyWithin, token);
            }

            foreach (var eventId in victimEvents)
            {
                RecordedSegment? resumed = null;
                await WaitForAsync(
                    async q => (resumed = (await ProcessApi.ReadSegmentsAsync(q, key, eventId, token)).Where(s => s.AnalysedAt > killedAt).MinBy(s => s.AnalysedAt)) is not null,
                    $"{eventId} records segments again after the kill",
                    RecordingWithin,
                    token);
                report.FailoverSeconds = Math.Max(report.FailoverSeconds, (resumed!.AnalysedAt - killedAt).TotalSeconds);
            }

            // Scale out again: a new silo joins.
            await Start(environment).WaitReadyAsync(ReadyWithin, token);

            if (size.RollingRestart)
            {
                foreach (var old in Alive().ToList())
                {
                    var replacement = Start(environment);
                    await replacement.WaitReadyAsync(ReadyWithin, token);
                    var stopping = DateTimeOffset.UtcNow;
                    output.WriteLine($"SIGTERM {old.Name} at {stopping:HH:mm:ss.f}, running {string.Join(", ", await OwnedAsync(old, key, events, token))}");
                    var exitCode = await old.TerminateAsync(StopWithin, token);
                    report.RollingRestart.Add((old.Name, exitCode, (DateTimeOffset.UtcNow - stopping).TotalSeconds));
                    output.WriteLine($"rolled {old.Name} (exit {exitCode}) -> {replacement.Name}");
                }
            }

            // Every event keeps going after all of it; then count.
            var target = new Dictionary<string, long>();
            for (var i = 0; i < events.Count; i++)
            {
                target[events[i]] = NewestListed(sources[i].Live) + 3;
            }

            foreach (var eventId in events)
            {
                await WaitForAsync(async q => (await ProcessApi.ReadSegmentsAsync(q, key, eventId, token))[^1].Sequence >= target[eventId], $"{eventId} records segments after the run's disruptions", RecordingWithin, token);
            }

            var all = new List<List<RecordedSegment>>();
            foreach (var eventId in events)
            {
                var segments = await RetryAsync(q => ProcessApi.ReadSegmentsAsync(q, key, eventId, token), token);
                all.Add(segments);
                var distinct = segments.Select(s => s.Sequence).Distinct().Count();
                report.SegmentsRecorded += segments.Count;
                report.SegmentsRecordedTwice += segments.Count - distinct;
                report.SegmentsLost += segments[^1].Sequence - segments[0].Sequence + 1 - distinct;
                for (var s = 1; s < segments.Count; s++)
                {
                    if (segments[s].Sequence > segments[s - 1].Sequence + 1)
                    {
                        // When it happened (the neighbours' analysis times) against the run's kill and restarts above.
                        var gap = $"{eventId}: sequences {segments[s - 1].Sequence + 1}-{segments[s].Sequence - 1} missing, between segments analysed at {segments[s - 1].AnalysedAt:HH:mm:ss.f} and {segments[s].AnalysedAt:HH:mm:ss.f}";
                        output.WriteLine(gap);
                        report.Gaps.Add(gap);
                    }
                }
            }

            var lines = processes.SelectMany(p => p.Output()).ToList();
            report.PublishRetries = lines.Count(l => l.Contains("Publishing a segment result failed", StringComparison.Ordinal));
            report.ResultsGivenUp = lines.Count(l => l.Contains("could not be published in", StringComparison.Ordinal));
            output.WriteLine(report.Markdown());
            if (size.ReportPath is { } path)
            {
                await File.AppendAllTextAsync(path, report.Markdown() + "\n", token);
            }

            report.SegmentsLost.Should().Be(0, "no segment is lost to a kill, a new silo or a rolling restart");
            report.SegmentsRecordedTwice.Should().Be(0, "no segment is recorded twice");
            foreach (var segments in all)
            {
                RecordedSegment.ShouldBeContiguousAndOnce(segments, "the kill, the added silo and the rolling restart");
            }

            if (size.RollingRestart)
            {
                report.RollingRestart.Should().NotBeEmpty().And.OnlyContain(r => r.ExitCode == 0, "SIGTERM is an orderly stop");
            }
            report.Context.Should().OnlyContain(r => r.RequestsPerSecond > 0, "every silo answers context queries");
            passed = true;
        }
        finally
        {
            foreach (var process in processes.Where(_ => !passed))
            {
                output.WriteLine($"--- last output of {process.Name} ---\n{process.Tail()}");
            }

            await Task.WhenAll(processes.Select(p => p.DisposeAsync().AsTask()));
            if (size.LogFolder is { } logs)
            {
                // Every silo's whole output, for tracing what a run measured (scripts/cluster-run --logs DIR).
                Directory.CreateDirectory(logs);
                foreach (var process in processes)
                {
                    await File.WriteAllLinesAsync(Path.Combine(logs, process.Name + ".log"), process.Output(), CancellationToken.None);
                }
            }

            foreach (var (live, origin) in sources)
            {
                await origin.DisposeAsync();
                await live.DisposeAsync();
            }
        }
    }

    private ClusterProcess Start(IReadOnlyDictionary<string, string> environment)
    {
        var process = ClusterProcess.Start($"silo-{++started}", "Glance.Api.dll", [], FreePort.Next(), FreePort.Next(), environment);
        processes.Add(process);
        return process;
    }

    private List<ClusterProcess> Alive() => [.. processes.Where(p => !p.HasExited)];

    private ClusterProcess Owner(JsonElement ingest)
    {
        var owner = ingest.GetProperty("owner").GetString() ?? string.Empty;
        var port = int.Parse(SiloAddress().Match(owner).Groups["port"].Value, CultureInfo.InvariantCulture);
        return processes.Single(p => p.SiloPort == port);
    }

    private async Task<List<string>> OwnedAsync(ClusterProcess silo, string key, IReadOnlyList<string> events, CancellationToken cancellationToken)
    {
        var owned = new List<string>();
        foreach (var eventId in events)
        {
            if (Owner(await RetryAsync(q => ProcessApi.IngestStatusAsync(q, key, eventId, cancellationToken), cancellationToken)) == silo)
            {
                owned.Add(eventId);
            }
        }

        return owned;
    }

    /// <summary>All silos' CPU over a quiet window (no viewer load) divided by the segments recorded in it.</summary>
    private async Task<double?> CpuPerSegmentAsync(string key, IReadOnlyList<string> events, CancellationToken cancellationToken)
    {
        async Task<long> RecordedAsync()
        {
            long total = 0;
            foreach (var eventId in events)
            {
                total += (await RetryAsync(q => ProcessApi.ReadSegmentsAsync(q, key, eventId, cancellationToken), cancellationToken)).Count;
            }

            return total;
        }

        var silos = Alive();
        var cpuBefore = silos.Sum(p => p.TotalProcessorTime.TotalSeconds);
        var before = await RecordedAsync();
        await Task.Delay(CpuWindow, cancellationToken);
        var after = await RecordedAsync();
        var cpu = silos.Sum(p => p.TotalProcessorTime.TotalSeconds) - cpuBefore;
        return after > before ? cpu / (after - before) : null;
    }

    private static async Task<string> ViewerTokenAsync(ClusterProcess api, string key, CancellationToken cancellationToken)
    {
        using var client = ProcessApi.Client(api, key);
        using var response = await client.PostAsJsonAsync("/v1/viewers/load/tokens", new { lifetimeSeconds = 3600 }, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("token").GetString()!;
    }

    /// <summary>The newest media sequence the source lists now.</summary>
    private static long NewestListed(LiveHlsSource live)
    {
        var lines = File.ReadAllLines(live.PlaylistPath);
        var first = lines.Where(l => l.StartsWith("#EXT-X-MEDIA-SEQUENCE:", StringComparison.Ordinal)).Select(l => long.Parse(l.Split(':')[1], CultureInfo.InvariantCulture)).FirstOrDefault();
        return first + lines.Count(l => l.StartsWith("#EXTINF", StringComparison.Ordinal)) - 1;
    }

    /// <summary>One question asked of any live silo, retried (bounded) while the cluster recovers from a disruption.</summary>
    private async Task<T> RetryAsync<T>(Func<ClusterProcess, Task<T>> ask, CancellationToken cancellationToken)
    {
        T result = default!;
        await WaitForAsync(async q => { result = await ask(q); return true; }, "a silo answers", RecordingWithin, cancellationToken);
        return result;
    }

    private async Task WaitForAsync(Func<ClusterProcess, Task<bool>> condition, string because, TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + within;
        string? lastError = null;
        for (var attempt = 0; ; attempt++)
        {
            var alive = Alive();
            var asked = alive[attempt % alive.Count];
            try
            {
                if (await condition(asked))
                {
                    return;
                }
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // A grain on a silo not yet declared dead fails or times out: expected while the cluster recovers.
                lastError = $"{asked.Name}: {error.Message}";
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Condition not met within {within}: {because}. Last error: {lastError ?? "none"}");
            }

            await Task.Delay(500, cancellationToken);
        }
    }

    [GeneratedRegex(@"^S?[^:]+:(?<port>\d+)(:|$)")]
    private static partial Regex SiloAddress();
}
