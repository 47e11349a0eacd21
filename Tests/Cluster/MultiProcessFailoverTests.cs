using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Glance.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Glance.Tests.Cluster;

/// <summary>
/// The cluster as operators run it: two headless <c>Silo serve</c> processes and one Api process, each the built
/// program in its own OS process, over DynamoDB membership, state and reminders on a real dynalite. The process that
/// hosts a live event's stream grain is killed with SIGKILL mid-stream; Orleans must declare it dead and the survivors
/// must go on recording that event's segments with no sequence skipped and none recorded twice.
/// </summary>
[Collection(DynaliteCollection.Name)]
public sealed partial class MultiProcessFailoverTests(DynaliteFixture dynalite, ITestOutputHelper output)
{
    private const string EventId = "failover";

    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan RecordingWithin = TimeSpan.FromSeconds(120);

    /// <summary>Covers membership's death declaration (probes, votes) plus the event's reminder tick on a survivor.</summary>
    private static readonly TimeSpan FailoverWithin = TimeSpan.FromSeconds(150);

    /// <summary>Every failed request while waiting: what clients see while the cluster recovers.</summary>
    private readonly List<HttpRequestException> failures = [];

    [Fact]
    public async Task A_silo_killed_with_SIGKILL_mid_stream_loses_no_segment_and_records_none_twice()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var token = cancellation.Token;

        // One-second segments and a two-minute window: a failover of tens of seconds leaves every unrecorded segment
        // still listed, so a gap could only come from the product, not from the source sliding past.
        await using var live = await LiveHlsSource.StartAsync(segmentSeconds: 1, listSize: 120, minimumSegments: 2);
        await using var origin = await HlsFileServer.StartAsync(live.Folder.Path);

        var environment = ProcessApi.ClusterEnvironment(dynalite.ServiceUrl);
        var processes = new List<ClusterProcess>();
        var passed = false;
        try
        {
            // The first silo creates the tables; the others join an existing cluster, so they may start together.
            var siloA = Start(processes, "silo-a", "Glance.Silo.dll", ["serve"], environment);
            await siloA.WaitReadyAsync(ReadyWithin, token);
            var siloB = Start(processes, "silo-b", "Glance.Silo.dll", ["serve"], environment);
            var api = Start(processes, "api-1", "Glance.Api.dll", [], environment);
            await Task.WhenAll(siloB.WaitReadyAsync(ReadyWithin, token), api.WaitReadyAsync(ReadyWithin, token));
            output.WriteLine($"cluster ready: silo-a :{siloA.SiloPort}, silo-b :{siloB.SiloPort}, api-1 :{api.SiloPort}");

            var broadcasterKey = await ProcessApi.CreateTenantAsync(api, token);
            await ProcessApi.CreateLiveEventAsync(api, broadcasterKey, EventId, origin.Url(live.PlaylistName), token);

            await WaitForAsync(
                async () => (await ProcessApi.ReadSegmentsAsync(api, broadcasterKey, EventId, token)).Count >= 3,
                "the cluster records the event's first segments",
                RecordingWithin,
                token);

            var owner = await StreamOwnerAsync(api, broadcasterKey, processes, token);
            output.WriteLine($"the stream grain runs on {owner.Name} (silo port {owner.SiloPort})");

            var recordedAtKill = await ProcessApi.ReadSegmentsAsync(api, broadcasterKey, EventId, token);
            var killedAt = DateTimeOffset.UtcNow;
            await owner.KillAsync();
            output.WriteLine($"SIGKILL {owner.Name} at {killedAt:O}; {recordedAtKill.Count} segments recorded, last {recordedAtKill[^1].Sequence}");

            // The Api process is a silo too; when it was the owner, a fresh Api process answers the questions after it.
            var survivor = owner == api ? await StartApiAsync(processes, "api-2", environment, token) : api;

            var firstNew = default(RecordedSegment);
            await WaitForAsync(
                async () =>
                {
                    firstNew = (await ProcessApi.ReadSegmentsAsync(survivor, broadcasterKey, EventId, token))
                        .Where(s => s.AnalysedAt > killedAt)
                        .MinBy(s => s.AnalysedAt);
                    return firstNew is not null;
                },
                $"segments are recorded again after {owner.Name} was killed",
                FailoverWithin,
                token);
            var failoverSeconds = (firstNew!.AnalysedAt - killedAt).TotalSeconds;
            output.WriteLine($"failover: {failoverSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s from SIGKILL to the first new segment recorded (sequence {firstNew.Sequence})");

            // A few more segments prove the stream is running on a survivor, not that one segment slipped through.
            var resumedFrom = firstNew.Sequence;
            await WaitForAsync(
                async () => (await ProcessApi.ReadSegmentsAsync(survivor, broadcasterKey, EventId, token))[^1].Sequence >= resumedFrom + 5,
                "the stream keeps going on a survivor",
                RecordingWithin,
                token);

            var segments = await ProcessApi.ReadSegmentsAsync(survivor, broadcasterKey, EventId, token);
            var sequences = segments.Select(s => s.Sequence).ToList();
            RecordedSegment.ShouldBeContiguousAndOnce(segments, "the kill");
            sequences.Should().Contain(recordedAtKill.Select(s => s.Sequence), "what was recorded before the kill stays recorded");

            // Read once the cursor has caught up: during the failover Orleans may briefly run a second activation of the
            // stream grain, whose view (the loser of the state's ETag race) can trail until it steps down.
            var ingest = await ProcessApi.IngestStatusAsync(survivor, broadcasterKey, EventId, token);
            await Eventually.TrueAsync(
                async () => (ingest = await ProcessApi.IngestStatusAsync(survivor, broadcasterKey, EventId, token)).GetProperty("lastSequence").GetInt64() >= sequences[^1],
                "the surviving stream grain's cursor reaches the last recorded segment",
                TimeSpan.FromSeconds(60));
            output.WriteLine($"ingest after failover: {ingest}");
            ingest.GetProperty("running").GetBoolean().Should().BeTrue();
            ingest.GetProperty("gapSegments").GetInt64().Should().Be(0, "the cursor never fell behind the playlist's window");
            ingest.GetProperty("lastSequence").GetInt64().Should().BeGreaterThanOrEqualTo(sequences[^1], "the cursor never trails a segment the timeline recorded");
            OwnerPort(ingest).Should().NotBe(owner.SiloPort, "a survivor hosts the stream now");
            processes.Where(p => p != owner).Should().OnlyContain(p => !p.HasExited, "killing one silo brings no other down");
            failures.Should().NotContain(
                f => f.StatusCode == System.Net.HttpStatusCode.InternalServerError,
                "an unreachable silo is a transient condition the Api answers with 503 (retry), not an unexpected failure");
            passed = true;
        }
        finally
        {
            // The processes' own logs explain a failure; on success they are only the expected failover warnings.
            foreach (var process in processes.Where(_ => !passed))
            {
                output.WriteLine($"--- last output of {process.Name} ---\n{process.Tail()}");
            }

            await Task.WhenAll(processes.Select(p => p.DisposeAsync().AsTask()));
        }
    }

    private static ClusterProcess Start(List<ClusterProcess> processes, string name, string assembly, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var process = ClusterProcess.Start(name, assembly, arguments, FreePort.Next(), FreePort.Next(), environment);
        processes.Add(process);
        return process;
    }

    private static async Task<ClusterProcess> StartApiAsync(List<ClusterProcess> processes, string name, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var api = Start(processes, name, "Glance.Api.dll", [], environment);
        await api.WaitReadyAsync(ReadyWithin, cancellationToken);
        return api;
    }

    private static async Task<ClusterProcess> StreamOwnerAsync(ClusterProcess api, string broadcasterKey, List<ClusterProcess> processes, CancellationToken cancellationToken)
    {
        var ingest = await ProcessApi.IngestStatusAsync(api, broadcasterKey, EventId, cancellationToken);
        var port = OwnerPort(ingest);
        return processes.SingleOrDefault(p => p.SiloPort == port)
            ?? throw new Xunit.Sdk.XunitException($"No process of the test has silo port {port}; the ingest status says: {ingest}");
    }

    /// <summary>The port of the Orleans silo address in the status' owner, e.g. "S127.0.0.1:11112:123456789".</summary>
    private static int OwnerPort(JsonElement ingest)
    {
        var owner = ingest.GetProperty("owner").GetString() ?? string.Empty;
        var match = SiloAddress().Match(owner);
        return match.Success
            ? int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture)
            : throw new Xunit.Sdk.XunitException($"The stream's owner '{owner}' is not an Orleans silo address.");
    }

    /// <summary>
    /// Polls until <paramref name="condition"/> holds, bounded. While a dead silo is not yet declared dead, calls to
    /// grains it hosted fail or time out: those failures are expected and retried, not test failures.
    /// </summary>
    private async Task WaitForAsync(Func<Task<bool>> condition, string because, TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + within;
        string? lastError = null;
        string? lastKind = null;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // One line per kind of failure, not per attempt: the problem bodies differ only by trace id.
                var kind = $"{error.GetType().Name} {(error as HttpRequestException)?.StatusCode}";
                if (kind != lastKind)
                {
                    output.WriteLine($"[{DateTimeOffset.UtcNow:HH:mm:ss.fff}] while waiting until {because}: {error.Message}");
                    lastKind = kind;
                }

                lastError = error.Message;
                if (error is HttpRequestException failed)
                {
                    failures.Add(failed);
                }
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
