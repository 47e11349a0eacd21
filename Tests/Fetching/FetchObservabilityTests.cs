using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Glance.Media.Fetching;
using Glance.Tests.Api;
using Glance.Tests.Infrastructure;
using Glance.Tests.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Glance.Tests.Fetching;

/// <summary>What an operator sees of fetching: /metrics whose counts agree, failures at Warning naming the event.</summary>
/// <remarks>In the live-media collection for its loopback servers; /metrics shows this host's meters alone.</remarks>
[Collection(LiveMediaCollection.Name)]
public sealed class FetchObservabilityTests
{
    [Fact]
    public async Task Metrics_count_each_fetch_once_in_requests_and_duration_and_each_retry_in_attempts()
    {
        using var folder = new TemporaryDirectory();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "live.m3u8"), "#EXTM3U\n");
        await using var failing = new RawTcpServer(async (stream, token) =>
        {
            await RawTcpServer.ReadRequestHeadAsync(stream, token);
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), token);
        });
        await using var api = Api(folder);
        var fetcher = api.Services.GetRequiredService<ISourceFetcher>();
        var before = await ScrapeAsync(api);

        for (var i = 0; i < 3; i++)
        {
            await fetcher.FetchPlaylistAsync(new Uri(Path.Combine(folder.Path, "live.m3u8")), CancellationToken.None);
        }

        await FluentActions.Awaiting(() => fetcher.FetchPlaylistAsync(new Uri(Path.Combine(folder.Path, "missing.m3u8")), CancellationToken.None)).Should().ThrowAsync<SourceFetchException>();
        await FluentActions.Awaiting(() => fetcher.FetchPlaylistAsync(failing.Url("/live.m3u8"), CancellationToken.None)).Should().ThrowAsync<SourceFetchException>();
        var after = await ScrapeAsync(api);

        (after.Requests - before.Requests).Should().Be(5, "five fetches");
        (after.Durations - before.Durations).Should().Be(5, "the duration histogram counts the same fetches");
        failing.Connections.Should().BeGreaterThan(1, "the failing server was retried");
        (after.Attempts - before.Attempts).Should().Be(3 + 1 + failing.Connections, "every attempt, each retry included, is counted");
    }

    [Fact]
    public async Task A_failing_source_is_logged_at_warning_with_the_event_in_scope()
    {
        using var folder = new TemporaryDirectory();
        var logs = new CapturingLoggerProvider();
        await using var api = Api(folder).WithServices(services => services.AddSingleton<ILoggerProvider>(logs));
        var (broadcaster, _) = await api.NewTenantAsync();
        await using var origin = new RawTcpServer(async (stream, token) =>
        {
            await RawTcpServer.ReadRequestHeadAsync(stream, token);
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), token);
        });
        var source = origin.Url("/gone.m3u8");
        (await broadcaster.PutAsJsonAsync("/v1/events/failing", new { name = "Failing", startsAt = DateTimeOffset.UtcNow.AddMinutes(-1), endsAt = DateTimeOffset.UtcNow.AddHours(1), source })).EnsureSuccessStatusCode();
        (await broadcaster.PostAsync("/v1/events/failing/start", null)).EnsureSuccessStatusCode();

        await Eventually.TrueAsync(
            () => logs.Entries.Any(e => e.Category == typeof(SourceFetcher).FullName && e.Level == LogLevel.Warning
                && e.Message.Contains("gone.m3u8", StringComparison.Ordinal) && Equals(e.Scopes.GetValueOrDefault("EventId"), "failing")),
            "the fetch failure is a warning inside the event's scope");
    }

    private static ApiFactory Api(TemporaryDirectory folder) => new ApiFactory()
        .WithSetting("Ingest:AllowedNetworks:0", "127.0.0.1/32")
        .WithSetting("Ingest:MaxAttempts", "3")
        .WithSetting("Ingest:RetryBaseDelay", "00:00:00.001")
        .WithSetting("Ingest:RetryMaxDelay", "00:00:00.005")
        .WithSetting("Logging:LogLevel:Default", "Information")
        .WithSetting("Ingest:AllowFileSources", "true")
        .WithSetting("Ingest:AllowedFileRoots:0", folder.Path);

    private static async Task<(double Requests, double Durations, double Attempts)> ScrapeAsync(ApiFactory api)
    {
        var lines = (await api.Anonymous().GetStringAsync("/metrics")).Split('\n');
        double Sum(Func<string, bool> series) => lines.Where(l => !l.StartsWith('#') && series(l))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
        return (
            Sum(l => l.StartsWith("glance_fetch_requests_total", StringComparison.Ordinal)),
            Sum(l => l.StartsWith("glance_fetch_duration", StringComparison.Ordinal) && l.Split('{', ' ')[0].EndsWith("_count", StringComparison.Ordinal)),
            Sum(l => l.StartsWith("glance_fetch_attempts_total", StringComparison.Ordinal)));
    }
}
