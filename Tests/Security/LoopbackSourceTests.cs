using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Glance.Demo;
using Glance.Media.Fetching;
using Glance.Tests.Api;
using Glance.Tests.Fetching;
using Glance.Tests.Infrastructure;
using Glance.Tests.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Glance.Tests.Security;

/// <summary>
/// SSRF in the mode a newcomer runs: embedded, with the demo channel ingesting. No tenant, the demo's own included,
/// can point an event at this machine or its networks, however the address is spelled, and nothing connects: a
/// listener on 127.0.0.1 and ::1 (the port every loopback spelling names) counts connections and must see none.
/// </summary>
[Collection(LiveMediaCollection.Name)]
public sealed class LoopbackSourceTests
{
    /// <param name="channel">The demo channel's folder, the one file root the embedded run allows.</param>
    private static IEnumerable<string> Hostile(int port, string channel) =>
    [
        $"http://127.0.0.1:{port}/x.m3u8",
        $"http://2130706433:{port}/x.m3u8",
        $"http://0x7f000001:{port}/x.m3u8",
        $"http://0177.0.0.1:{port}/x.m3u8",
        $"http://127.1:{port}/x.m3u8",
        $"http://0:{port}/x.m3u8",
        $"http://[::ffff:127.0.0.1]:{port}/x.m3u8",
        $"http://[0:0:0:0:0:ffff:7f00:1]:{port}/x.m3u8",
        $"http://[::1]:{port}/x.m3u8",
        $"http://localhost:{port}/x.m3u8",
        $"http://LocalHost.:{port}/x.m3u8",
        $"https://localhost:{port}/x.m3u8",
        "http://10.0.0.1/x.m3u8",
        "http://172.16.5.4/x.m3u8",
        "http://192.168.1.1/x.m3u8",
        "http://100.64.0.1/x.m3u8",
        "http://[fd12:3456::1]/x.m3u8",
        "http://169.254.1.1/x.m3u8",
        "http://[fe80::1]/x.m3u8",
        "http://169.254.169.254/latest/meta-data/",
        "http://0xa9fea9fe/latest/meta-data/",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://metadata.google.internal/computeMetadata/v1/",
        "file:///etc/passwd",
        new Uri(Path.Combine(channel, "..", "glance.db")).ToString(),
        new Uri(Path.Combine(channel, "escape.m3u8")).ToString(),
        "file://fileserver/share/live.m3u8",
    ];

    [Fact]
    public async Task Every_tenant_the_demo_included_gets_400_for_every_spelling_of_a_non_public_source_and_nothing_connects()
    {
        await using var recorder = new ConnectionRecorder();
        await recorder.ProbeAsync();
        var witnessed = recorder.Connections;
        using var folder = new TemporaryDirectory();
        await using var api = DemoApi(folder);
        var demo = await DemoAsync(api);
        var (stranger, _) = await api.NewTenantAsync();
        using var demoTenant = api.As(demo.BroadcasterKey);
        // A link inside the allowed folder that leads out of it.
        File.CreateSymbolicLink(Path.Combine(folder.Path, "escape.m3u8"), "/etc/passwd");

        foreach (var (tenant, client) in new[] { ("demo", demoTenant), ("another", stranger) })
        {
            foreach (var source in Hostile(recorder.Port, folder.Path))
            {
                var response = await client.PutAsJsonAsync("/v1/events/hostile", Event(source));
                response.StatusCode.Should().Be(HttpStatusCode.BadRequest, "tenant {0} registering {1} ({2})", tenant, source, await response.Content.ReadAsStringAsync());
                response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            }
        }

        // The demo's own event reads its channel all the same, from its folder.
        await Eventually.TrueAsync(
            async () => (await IngestAsync(demoTenant, demo.EventId)).GetProperty("segmentsHanded").GetInt64() > 0,
            "the demo event ingests its channel",
            TimeSpan.FromSeconds(60));
        recorder.Connections.Should().Be(witnessed, "no refused source opened a connection");
    }

    [Fact]
    public async Task A_redirect_from_an_allowed_origin_to_loopback_is_refused_at_fetch_time_and_nothing_connects()
    {
        await using var recorder = new ConnectionRecorder();
        await recorder.ProbeAsync();
        var witnessed = recorder.Connections;
        var targets = new Dictionary<string, string>
        {
            ["/hex.m3u8"] = $"http://0x7f000001:{recorder.Port}/x.m3u8",
            ["/name.m3u8"] = $"http://localhost:{recorder.Port}/x.m3u8",
            ["/v6.m3u8"] = $"http://[::1]:{recorder.Port}/x.m3u8",
        };
        // "cdn.example.com" on 127.0.0.2, which the operator allow-lists: a host elsewhere that answers with redirects.
        await using var origin = new RawTcpServer(
            async (stream, cancellationToken) =>
            {
                var head = await RawTcpServer.ReadRequestHeadAsync(stream, cancellationToken);
                var path = head.Split(' ')[1];
                var answer = $"HTTP/1.1 302 Found\r\nLocation: {targets.GetValueOrDefault(path, targets["/hex.m3u8"])}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(answer), cancellationToken);
            },
            IPAddress.Parse("127.0.0.2"));
        using var folder = new TemporaryDirectory();
        await using var api = DemoApi(folder)
            .WithSetting("Ingest:AllowedNetworks:0", "127.0.0.2/32")
            .WithServices(services => services.AddSingleton<IHostResolver>(new OneNameResolver("cdn.example.com", IPAddress.Parse("127.0.0.2"))));
        var demo = await DemoAsync(api);
        var (stranger, _) = await api.NewTenantAsync();
        using var demoTenant = api.As(demo.BroadcasterKey);

        foreach (var (tenant, client) in new[] { ("demo", demoTenant), ("another", stranger) })
        {
            foreach (var path in targets.Keys)
            {
                var id = "redirected-" + path.Trim('/').Replace(".m3u8", string.Empty, StringComparison.Ordinal);
                var response = await client.PutAsJsonAsync($"/v1/events/{id}", Event($"http://cdn.example.com:{origin.Port}{path}"));
                response.StatusCode.Should().Be(HttpStatusCode.Created, "the origin is allow-listed ({0})", await response.Content.ReadAsStringAsync());
                (await client.PostAsync($"/v1/events/{id}/start", null)).EnsureSuccessStatusCode();
                await Eventually.TrueAsync(
                    async () => (await IngestAsync(client, id)).TryGetProperty("lastError", out var error) && error.GetString() is { } text
                        && text.Contains("redirect target", StringComparison.Ordinal) && text.Contains("loopback", StringComparison.Ordinal),
                    $"tenant {tenant}'s event {id} reports the refused redirect",
                    TimeSpan.FromSeconds(30));
                (await client.DeleteAsync($"/v1/events/{id}")).EnsureSuccessStatusCode();
            }
        }

        origin.Connections.Should().BeGreaterThanOrEqualTo(2 * targets.Count, "every event reached its origin");
        recorder.Connections.Should().Be(witnessed, "no redirect to loopback opened a connection");
    }

    private static ApiFactory DemoApi(TemporaryDirectory folder) => new ApiFactory()
        .WithSetting("Demo:Enabled", "true")
        .WithSetting("Demo:Channel:OutputFolder", folder.Path)
        .WithSetting("Demo:Channel:SegmentSeconds", "2");

    private static async Task<DemoRegistration> DemoAsync(ApiFactory api)
    {
        _ = api.Anonymous();
        var bootstrap = api.Services.GetServices<IHostedService>().OfType<DemoBootstrap>().Single();
        var demo = await bootstrap.Registered.Task.WaitAsync(TimeSpan.FromSeconds(90));
        demo.Source.IsFile.Should().BeTrue("the demo reads its channel's folder, not a loopback URL");
        return demo;
    }

    private static object Event(string source) =>
        new { name = "Hostile", startsAt = DateTimeOffset.UtcNow.AddMinutes(-1), endsAt = DateTimeOffset.UtcNow.AddHours(1), source };

    private static async Task<JsonElement> IngestAsync(HttpClient client, string eventId)
    {
        var view = await client.GetFromJsonAsync<JsonElement>($"/v1/events/{eventId}");
        return view.TryGetProperty("ingest", out var ingest) && ingest.ValueKind == JsonValueKind.Object ? ingest : JsonDocument.Parse("{\"segmentsHanded\":0}").RootElement;
    }

    /// <summary>One name with a fixed address; every other name through the system resolver (localhost included).</summary>
    private sealed class OneNameResolver(string name, IPAddress address) : IHostResolver
    {
        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
            string.Equals(host, name, StringComparison.OrdinalIgnoreCase)
                ? Task.FromResult(new[] { address })
                : Dns.GetHostAddressesAsync(host, cancellationToken);
    }
}
