using System.Net.Http.Json;
using Glance.Api.Endpoints;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Glance.Benchmarks.Harness;

/// <summary>The real API (embedded silo) on a Kestrel loopback port, with benchmark settings.</summary>
internal sealed class BenchmarkApi(Dictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    public const string AdminKey = "benchmark-admin-key-0123456789-abcdefghij";

    /// <summary>Tenant "bench" and, with its key, event "bench" starting in a day (never ingested: the only results are
    /// the benchmark's). Returns a client holding the broadcaster's key.</summary>
    public static async Task<HttpClient> RegisterBenchEventAsync(Uri baseUri, CancellationToken cancellationToken)
    {
        using var admin = new HttpClient { BaseAddress = baseUri };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", AdminKey);
        var tenant = (await (await admin.PostAsJsonAsync("/v1/tenants", new { id = "bench", name = "Bench" }, cancellationToken)).Content.ReadFromJsonAsync<CreatedTenant>(cancellationToken))!;
        var broadcaster = new HttpClient { BaseAddress = baseUri };
        broadcaster.DefaultRequestHeaders.Authorization = new("Bearer", tenant.Key.Key);
        var start = DateTimeOffset.UtcNow.AddDays(1);
        (await broadcaster.PutAsJsonAsync("/v1/events/bench", new { name = "Bench", startsAt = start, endsAt = start.AddHours(3), source = "http://127.0.0.1:9/live.m3u8" }, cancellationToken)).EnsureSuccessStatusCode();
        return broadcaster;
    }

    public Uri Start()
    {
        UseKestrel(0);
        StartServer();
        return ClientOptions.BaseAddress;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production"); // as deployed: no developer exception page, no scope validation
        var all = new Dictionary<string, string?>
        {
            ["Access:AdminKey"] = AdminKey,
            ["Access:ViewerTokenKeys:0:Id"] = "bench",
            ["Access:ViewerTokenKeys:0:Secret"] = Convert.ToBase64String(new byte[32]),
            ["Access:RateLimits:ViewerPerSecond"] = "10000000",
            ["Access:RateLimits:ViewerBurst"] = "10000000",
            ["Access:RateLimits:BroadcasterPerSecond"] = "10000000",
            ["Access:RateLimits:BroadcasterBurst"] = "10000000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Demo:Enabled"] = "false",
            ["Ingest:AllowedNetworks:0"] = "127.0.0.0/8",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        // GLANCE_BENCH_SETTINGS="Key:Path=value;Other:Key=value" overrides any setting for an experiment, last.
        foreach (var pair in (Environment.GetEnvironmentVariable("GLANCE_BENCH_SETTINGS") ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new InvalidOperationException($"GLANCE_BENCH_SETTINGS: '{pair}' is not Key=value.");
            }

            all[pair[..equals]] = pair[(equals + 1)..];
        }

        foreach (var (key, value) in all)
        {
            builder.UseSetting(key, value);
        }
    }
}
