using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Glance.Tests.Infrastructure;

namespace Glance.Tests.Api;

/// <summary>GET /v1/events/{id} shows what the source's playlist breaks of RFC 8216 while its ingestion goes on.</summary>
public sealed class EventIngestWarningsTests
{
    [Fact]
    public async Task The_event_view_lists_the_playlist_warnings_of_a_stream_that_keeps_being_ingested()
    {
        using var folder = new TemporaryDirectory();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "live.m3u8"), "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2 sec,\na.ts\n");
        await using var origin = await HlsFileServer.StartAsync(folder.Path);
        await using var api = new ApiFactory().WithSetting("Ingest:AllowedNetworks:0", "127.0.0.0/8");
        var (client, _) = await api.NewTenantAsync();
        var now = DateTimeOffset.UtcNow;

        var created = await client.PutAsJsonAsync("/v1/events/lenient", new { name = "Lenient", startsAt = now.AddMinutes(-1), endsAt = now.AddHours(1), source = origin.Url("live.m3u8") });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var ingest = await Eventually.ValueAsync(
            async () =>
            {
                var view = await client.GetFromJsonAsync<JsonElement>("/v1/events/lenient");
                return view.TryGetProperty("ingest", out var status) && status.ValueKind == JsonValueKind.Object
                    && status.GetProperty("recentWarnings").GetArrayLength() > 0 && status.GetProperty("segmentsHanded").GetInt64() > 0
                    ? status.GetRawText()
                    : null;
            },
            "the event's ingest status shows the warning once the playlist has loaded",
            TimeSpan.FromSeconds(30));

        using var json = JsonDocument.Parse(ingest);
        var status = json.RootElement;
        status.GetProperty("running").GetBoolean().Should().BeTrue();
        status.GetProperty("lastError").ValueKind.Should().Be(JsonValueKind.Null);
        var warning = status.GetProperty("recentWarnings").EnumerateArray().Should().ContainSingle().Subject;
        warning.GetProperty("code").GetString().Should().Be("extinf-trailing-text");
        warning.GetProperty("line").GetInt32().Should().Be(3);
        warning.GetProperty("playlist").GetString().Should().Be(origin.Url("live.m3u8").AbsoluteUri);
        warning.GetProperty("message").GetString().Should().Contain("RFC 8216 section 4.3.2.1");
        warning.GetProperty("loads").GetInt64().Should().BeGreaterThan(0);
    }
}
