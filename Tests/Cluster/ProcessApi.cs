using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Glance.Tests.Api;

namespace Glance.Tests.Cluster;

/// <summary>
/// The public HTTP API of a Glance process as a broadcaster uses it, reduced to what the process-level tests need:
/// a tenant, one live event, its recorded segments and its ingest status.
/// </summary>
internal static class ProcessApi
{
    /// <summary>Longer than a grain call's timeout: a call to a grain on a dead silo fails rather than the client giving up.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(45);

    /// <summary>
    /// The settings every test process shares: known secrets (the test must call the API), no rate limits (the tests
    /// poll), the loopback origin allow-listed (the SSRF guard refuses it otherwise), quick resume and reconcile ticks,
    /// no demo, and logs quiet but for warnings and the product's own narration.
    /// </summary>
    public static Dictionary<string, string> Environment() => new()
    {
        ["Orleans__MinimumReminderPeriod"] = "00:00:01",
        ["Access__AdminKey"] = ApiFactory.AdminKey,
        ["Access__ViewerTokenKeys__0__Id"] = "test",
        ["Access__ViewerTokenKeys__0__Secret"] = ApiFactory.SigningKey,
        ["Access__RateLimits__BroadcasterPerSecond"] = "100000",
        ["Access__RateLimits__BroadcasterBurst"] = "100000",
        ["Access__RateLimits__AnonymousPerSecond"] = "100000",
        ["Access__RateLimits__AnonymousBurst"] = "100000",
        ["Ingest__AllowedNetworks__0"] = "127.0.0.0/8",
        ["Ingest__Streams__ResumeInterval"] = "00:00:02",
        ["Events__ReconcileInterval"] = "00:00:05",
        ["Pipeline__MaxFrameParallelism"] = "1",
        ["Demo__Enabled"] = "false",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Glance"] = "Information",
    };

    /// <summary>
    /// <see cref="Environment"/> plus Cluster mode over the dynalite at <paramref name="dynamoServiceUrl"/>: tables,
    /// cluster and service ids of their own (so runs never meet), every silo advertised on loopback.
    /// </summary>
    public static Dictionary<string, string> ClusterEnvironment(string dynamoServiceUrl)
    {
        var unique = Guid.NewGuid().ToString("N")[..12];
        var environment = Environment();
        environment["Hosting__Mode"] = "Cluster";
        environment["Storage__Provider"] = "DynamoDb";
        environment["Storage__DynamoDb__ServiceUrl"] = dynamoServiceUrl;
        environment["Storage__DynamoDb__TablePrefix"] = Infrastructure.DynaliteFixture.NewTablePrefix();
        environment["AWS_ACCESS_KEY_ID"] = "dynalite";
        environment["AWS_SECRET_ACCESS_KEY"] = "dynalite";
        environment["AWS_REGION"] = "us-east-1";
        environment["Orleans__ClusterId"] = "c" + unique;
        environment["Orleans__ServiceId"] = "s" + unique;
        environment["Orleans__AdvertisedIPAddress"] = "127.0.0.1";
        return environment;
    }

    public static HttpClient Client(ClusterProcess process, string credential)
    {
        var client = new HttpClient { BaseAddress = process.BaseUri, Timeout = RequestTimeout };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        return client;
    }

    /// <summary>Creates a tenant with the administrator key; returns the tenant's broadcaster key.</summary>
    public static async Task<string> CreateTenantAsync(ClusterProcess api, CancellationToken cancellationToken)
    {
        using var admin = Client(api, ApiFactory.AdminKey);
        var id = "t-" + Guid.NewGuid().ToString("N")[..12];
        using var response = await admin.PostAsJsonAsync("/v1/tenants", new { id, name = "Test " + id }, cancellationToken);
        await EnsureSuccessAsync(response, "creating the tenant");
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return created.GetProperty("key").GetProperty("key").GetString()!;
    }

    /// <summary>
    /// An event live now (started a minute ago, ending in an hour) on <paramref name="source"/>. By default with no
    /// detectors: these tests are about where and how often segments are recorded, not what is seen in them.
    /// </summary>
    public static async Task CreateLiveEventAsync(ClusterProcess api, string broadcasterKey, string eventId, Uri source, CancellationToken cancellationToken, IReadOnlyList<string>? detectors = null)
    {
        using var client = Client(api, broadcasterKey);
        var now = DateTimeOffset.UtcNow;
        using var response = await client.PutAsJsonAsync(
            $"/v1/events/{eventId}",
            new { name = eventId, startsAt = now.AddMinutes(-1), endsAt = now.AddHours(1), source = source.ToString(), detectors = detectors ?? [] },
            cancellationToken);
        await EnsureSuccessAsync(response, "creating the live event");
    }

    /// <summary>Every recorded segment after <paramref name="after"/> (all when null), in sequence order, a page at a time.</summary>
    public static async Task<List<RecordedSegment>> ReadSegmentsAsync(ClusterProcess api, string broadcasterKey, string eventId, CancellationToken cancellationToken, long? after = null)
    {
        using var client = Client(api, broadcasterKey);
        var all = new List<RecordedSegment>();
        while (true)
        {
            var query = after is null ? "?limit=100" : $"?limit=100&after={after.Value.ToString(CultureInfo.InvariantCulture)}";
            using var response = await client.GetAsync(new Uri($"/v1/events/{eventId}/segments{query}", UriKind.Relative), cancellationToken);
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

    /// <summary>The event's <c>ingest</c> object: the stream grain's status (cursor, owner, counters).</summary>
    public static async Task<JsonElement> IngestStatusAsync(ClusterProcess api, string broadcasterKey, string eventId, CancellationToken cancellationToken)
    {
        using var client = Client(api, broadcasterKey);
        using var response = await client.GetAsync(new Uri($"/v1/events/{eventId}", UriKind.Relative), cancellationToken);
        await EnsureSuccessAsync(response, "reading the event");
        var view = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return view.TryGetProperty("ingest", out var ingest) && ingest.ValueKind == JsonValueKind.Object
            ? ingest
            : throw new Xunit.Sdk.XunitException($"The event has no ingest status: {view}");
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string doing)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{doing} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}", null, response.StatusCode);
        }
    }
}
