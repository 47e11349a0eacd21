using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Glance.Tests.Api;
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

    /// <summary>Longer than a grain call's timeout: a call to a grain on the dead silo fails rather than the client giving up.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(45);

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

        var environment = ClusterEnvironment();
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

            var broadcasterKey = await CreateTenantAsync(api, token);
            await CreateLiveEventAsync(api, broadcasterKey, origin.Url(live.PlaylistName), token);

            await WaitForAsync(
                async () => (await ReadSegmentsAsync(api, broadcasterKey, token)).Count >= 3,
                "the cluster records the event's first segments",
                RecordingWithin,
                token);

            var owner = await StreamOwnerAsync(api, broadcasterKey, processes, token);
            output.WriteLine($"the stream grain runs on {owner.Name} (silo port {owner.SiloPort})");

            var recordedAtKill = await ReadSegmentsAsync(api, broadcasterKey, token);
            var killedAt = DateTimeOffset.UtcNow;
            await owner.KillAsync();
            output.WriteLine($"SIGKILL {owner.Name} at {killedAt:O}; {recordedAtKill.Count} segments recorded, last {recordedAtKill[^1].Sequence}");

            // The Api process is a silo too; when it was the owner, a fresh Api process answers the questions after it.
            var survivor = owner == api ? await StartApiAsync(processes, "api-2", environment, token) : api;

            var firstNew = default(RecordedSegment);
            await WaitForAsync(
                async () =>
                {
                    firstNew = (await ReadSegmentsAsync(survivor, broadcasterKey, token))
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
                async () => (await ReadSegmentsAsync(survivor, broadcasterKey, token))[^1].Sequence >= resumedFrom + 5,
                "the stream keeps going on a survivor",
                RecordingWithin,
                token);

            var segments = await ReadSegmentsAsync(survivor, broadcasterKey, token);
            var sequences = segments.Select(s => s.Sequence).ToList();
            sequences.Should().OnlyHaveUniqueItems("no segment is recorded twice");
            sequences.Should().Equal(
                Enumerable.Range(0, sequences.Count).Select(i => sequences[0] + i),
                "no segment is skipped from the first recorded to the last, across the kill");
            sequences.Should().Contain(recordedAtKill.Select(s => s.Sequence), "what was recorded before the kill stays recorded");
            segments.Should().OnlyContain(s => s.StreamStart != null && s.StreamEnd != null, "every segment of a healthy source is placed in stream time");
            for (var i = 1; i < segments.Count; i++)
            {
                // Stream time comes from the clock state the stream grain persists: a segment analysed twice, or a
                // clock restarted on the survivor, would overlap or go back here.
                segments[i].StreamStart!.Value.Should().BeGreaterThanOrEqualTo(
                    segments[i - 1].StreamEnd!.Value - 0.05,
                    $"segment {segments[i].Sequence} starts where {segments[i - 1].Sequence} ended in stream time");
            }

            // Read once the cursor has caught up: during the failover Orleans may briefly run a second activation of the
            // stream grain, whose view (the loser of the state's ETag race) can trail until it steps down.
            var ingest = await IngestStatusAsync(survivor, broadcasterKey, token);
            await Eventually.TrueAsync(
                async () => (ingest = await IngestStatusAsync(survivor, broadcasterKey, token)).GetProperty("lastSequence").GetInt64() >= sequences[^1],
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

    private Dictionary<string, string> ClusterEnvironment()
    {
        var unique = Guid.NewGuid().ToString("N")[..12];
        return new Dictionary<string, string>
        {
            ["Hosting__Mode"] = "Cluster",
            ["Storage__Provider"] = "DynamoDb",
            ["Storage__DynamoDb__ServiceUrl"] = dynalite.ServiceUrl,
            ["Storage__DynamoDb__TablePrefix"] = DynaliteFixture.NewTablePrefix(),
            ["AWS_ACCESS_KEY_ID"] = "dynalite",
            ["AWS_SECRET_ACCESS_KEY"] = "dynalite",
            ["AWS_REGION"] = "us-east-1",
            ["Orleans__ClusterId"] = "c" + unique,
            ["Orleans__ServiceId"] = "s" + unique,
            ["Orleans__AdvertisedIPAddress"] = "127.0.0.1",
            ["Orleans__MinimumReminderPeriod"] = "00:00:01",
            ["Access__AdminKey"] = ApiFactory.AdminKey,
            ["Access__ViewerTokenKeys__0__Id"] = "test",
            ["Access__ViewerTokenKeys__0__Secret"] = ApiFactory.SigningKey,
            ["Access__RateLimits__BroadcasterPerSecond"] = "100000",
            ["Access__RateLimits__BroadcasterBurst"] = "100000",
            ["Access__RateLimits__AnonymousPerSecond"] = "100000",
            ["Access__RateLimits__AnonymousBurst"] = "100000",
            // The test's origin listens on loopback, which the SSRF guard refuses unless allow-listed.
            ["Ingest__AllowedNetworks__0"] = "127.0.0.0/8",
            ["Ingest__Streams__ResumeInterval"] = "00:00:02",
            ["Events__ReconcileInterval"] = "00:00:05",
            ["Pipeline__MaxFrameParallelism"] = "1",
            ["Demo__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Glance"] = "Information",
        };
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

    private static HttpClient Client(ClusterProcess process, string credential)
    {
        var client = new HttpClient { BaseAddress = process.BaseUri, Timeout = RequestTimeout };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        return client;
    }

    private static async Task<string> CreateTenantAsync(ClusterProcess api, CancellationToken cancellationToken)
    {
        using var admin = Client(api, ApiFactory.AdminKey);
        var id = "t-" + Guid.NewGuid().ToString("N")[..12];
        using var response = await admin.PostAsJsonAsync("/v1/tenants", new { id, name = "Failover " + id }, cancellationToken);
        await EnsureSuccessAsync(response, "creating the tenant");
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return created.GetProperty("key").GetProperty("key").GetString()!;
    }

    private static async Task CreateLiveEventAsync(ClusterProcess api, string broadcasterKey, Uri source, CancellationToken cancellationToken)
    {
        using var client = Client(api, broadcasterKey);
        var now = DateTimeOffset.UtcNow;
        // No detectors: the test is about where segments are recorded, not what is seen in them; analysis stays light.
        using var response = await client.PutAsJsonAsync(
            $"/v1/events/{EventId}",
            new { name = "Failover", startsAt = now.AddMinutes(-1), endsAt = now.AddHours(1), source = source.ToString(), detectors = Array.Empty<string>() },
            cancellationToken);
        await EnsureSuccessAsync(response, "creating the live event");
    }

    /// <summary>Every recorded segment, in sequence order, read a page at a time.</summary>
    private static async Task<List<RecordedSegment>> ReadSegmentsAsync(ClusterProcess api, string broadcasterKey, CancellationToken cancellationToken)
    {
        using var client = Client(api, broadcasterKey);
        var all = new List<RecordedSegment>();
        long? after = null;
        while (true)
        {
            var query = after is null ? "?limit=100" : $"?limit=100&after={after.Value.ToString(CultureInfo.InvariantCulture)}";
            using var response = await client.GetAsync(new Uri($"/v1/events/{EventId}/segments{query}", UriKind.Relative), cancellationToken);
            await EnsureSuccessAsync(response, "reading the recorded segments");
            var page = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            all.AddRange(page.GetProperty("items").EnumerateArray().Select(RecordedSegment.From));
            if (page.GetProperty("next").ValueKind == JsonValueKind.Null)
            {
                return all;
            }

            after = page.GetProperty("next").GetInt64();
        }
    }

    private static async Task<JsonElement> IngestStatusAsync(ClusterProcess api, string broadcasterKey, CancellationToken cancellationToken)
    {
        using var client = Client(api, broadcasterKey);
        using var response = await client.GetAsync(new Uri($"/v1/events/{EventId}", UriKind.Relative), cancellationToken);
        await EnsureSuccessAsync(response, "reading the event");
        var view = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return view.TryGetProperty("ingest", out var ingest) && ingest.ValueKind == JsonValueKind.Object
            ? ingest
            : throw new Xunit.Sdk.XunitException($"The event has no ingest status: {view}");
    }

    private static async Task<ClusterProcess> StreamOwnerAsync(ClusterProcess api, string broadcasterKey, List<ClusterProcess> processes, CancellationToken cancellationToken)
    {
        var ingest = await IngestStatusAsync(api, broadcasterKey, cancellationToken);
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

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string doing)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{doing} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}", null, response.StatusCode);
        }
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

    private sealed record RecordedSegment(long Sequence, string Outcome, double? StreamStart, double? StreamEnd, DateTimeOffset AnalysedAt)
    {
        public static RecordedSegment From(JsonElement segment) => new(
            segment.GetProperty("sequence").GetInt64(),
            segment.GetProperty("outcome").ToString(),
            Number(segment.GetProperty("streamStart")),
            Number(segment.GetProperty("streamEnd")),
            segment.GetProperty("analysedAt").GetDateTimeOffset());

        private static double? Number(JsonElement value) => value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
    }
}
