using System.Net.Http.Headers;
using System.Net.Http.Json;
using Glance.Api.Endpoints;
using Glance.Grains.Interfaces.Common;
using Glance.Grains.Interfaces.Timeline;
using Glance.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace Glance.Tests.Api;

/// <summary>
/// The real API host (the embedded silo included) over the in-memory store, with known secrets. Settings can be
/// overridden per test class.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key-0123456789-abcdefghijklmnop";
    public const string SigningKey = "c2lnbmluZy1rZXktZm9yLXRlc3RzLWF0LWxlYXN0LTMyLWJ5dGVz";

    /// <summary>A public address literal: accepted without DNS, and never fetched because the event starts tomorrow.</summary>
    public const string PublicSource = "http://93.184.216.34/live/index.m3u8";

    private readonly List<Action<IServiceCollection>> serviceChanges = [];

    private readonly Dictionary<string, string?> settings = new()
    {
        ["Storage:Provider"] = "Memory",
        ["Orleans:SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Access:AdminKey"] = AdminKey,
        ["Access:ViewerTokenKeys:0:Id"] = "test",
        ["Access:ViewerTokenKeys:0:Secret"] = SigningKey,
        ["Access:RateLimits:BroadcasterPerSecond"] = "100000",
        ["Access:RateLimits:BroadcasterBurst"] = "100000",
        ["Access:RateLimits:ViewerPerSecond"] = "100000",
        ["Access:RateLimits:ViewerBurst"] = "100000",
        ["Access:RateLimits:AnonymousPerSecond"] = "100000",
        ["Access:RateLimits:AnonymousBurst"] = "100000",
        ["Demo:Enabled"] = "false",
        ["Logging:LogLevel:Default"] = "Warning",
        // The learner explores at random by default; tests that pin a choice need it deterministic (learning tests set their own rate).
        ["Engagement:Learning:ExplorationRate"] = "0",
    };

    public ApiFactory()
    {
        // A real Kestrel server on a loopback port: request limits and connection behaviour are Kestrel's, as in production.
        UseKestrel(0);
    }

    public ApiFactory WithSetting(string key, string? value)
    {
        settings[key] = value;
        return this;
    }

    /// <summary>No admin key and no signing keys configured: the run generates its own, as scripts/run does.</summary>
    public ApiFactory WithGeneratedSecrets() => WithSetting("Access:AdminKey", null)
        .WithSetting("Access:ViewerTokenKeys:0:Id", null)
        .WithSetting("Access:ViewerTokenKeys:0:Secret", null);

    /// <summary>The embedded default's durable store: one SQLite file in <paramref name="folder"/>, as a run over a data folder.</summary>
    public ApiFactory WithSqliteStore(string folder) => WithSetting("Storage:Provider", "Sqlite")
        .WithSetting("Storage:Sqlite:Path", Path.Combine(folder, "glance.db"));

    /// <summary>
    /// The demo channel as tests watch it: 2 s segments, a 12 s programme cycle (presenter, scoreboard, break and silence
    /// each come round every 12 s) written into <paramref name="folder"/>, and a minute of segments in the playlist so
    /// that a slow machine's backlog loses none.
    /// </summary>
    public ApiFactory WithShortDemo(string folder, TimeSpan? cycle = null) => WithSetting("Demo:Enabled", "true")
        .WithSetting("Demo:Channel:OutputFolder", folder)
        .WithSetting("Demo:Channel:SegmentSeconds", "2")
        .WithSetting("Demo:Channel:Programme:Cycle", (cycle ?? TimeSpan.FromSeconds(12)).ToString("c", System.Globalization.CultureInfo.InvariantCulture))
        .WithSetting("Demo:Channel:ListSize", "30");

    /// <summary>Replaces services after the host's own registrations (a resolver with a test zone, a log sink).</summary>
    public ApiFactory WithServices(Action<IServiceCollection> change)
    {
        serviceChanges.Add(change);
        return this;
    }

    public HttpClient Anonymous() => CreateClient();

    public HttpClient As(string credential)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        return client;
    }

    public HttpClient Admin() => As(AdminKey);

    /// <summary>Creates a tenant and returns a client holding its first key.</summary>
    public async Task<(HttpClient Client, CreatedTenant Tenant)> NewTenantAsync(string? id = null)
    {
        id ??= "t-" + Guid.NewGuid().ToString("N")[..12];
        var response = await Admin().PostAsJsonAsync("/v1/tenants", new { id, name = "Tenant " + id });
        response.EnsureSuccessStatusCode();
        var created = (await response.Content.ReadFromJsonAsync<CreatedTenant>())!;
        return (As(created.Key.Key), created);
    }

    public async Task<string> ViewerTokenAsync(HttpClient broadcaster, string viewerId, int? lifetimeSeconds = null)
    {
        var response = await broadcaster.PostAsJsonAsync($"/v1/viewers/{viewerId}/tokens", new { lifetimeSeconds });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IssuedViewerToken>())!.Token;
    }

    /// <summary>An event that starts tomorrow: registered, described to its timeline, and not ingested during a test.</summary>
    public static EventRequest UpcomingEvent(string id, string source = PublicSource) => new(
        $"Match {id}", DateTimeOffset.UtcNow.AddDays(1), DateTimeOffset.UtcNow.AddDays(1).AddHours(2), source, Id: id);

    /// <summary>Records a segment's analysis on an event's timeline, as the pipeline does once it has analysed it.</summary>
    public Task RecordAsync(string tenantId, string eventId, SegmentAnalysisResult result) =>
        Services.GetRequiredService<IGrainFactory>().GetGrain<IEventTimelineGrain>(ResourceId.Scoped(tenantId, eventId)).ApplyAsync(result);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => serviceChanges.ForEach(change => change(services)));
    }
}
