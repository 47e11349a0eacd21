using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Glance.Grains.Interfaces.Common;
using Glance.Grains.Interfaces.Monitoring;
using Glance.Grains.Interfaces.Streams;
using Glance.Grains.Interfaces.Timeline;
using Glance.Tests.Api;
using Glance.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;

namespace Glance.Tests.Monitoring;

/// <summary>
/// The live feed over a real Kestrel connection: a result published on the event's results stream is checked by the
/// monitor grain, which publishes the change, and the feed relays it as a server-sent event.
/// </summary>
public sealed class LiveFeedTests(LiveFeedTests.Factory api) : IClassFixture<LiveFeedTests.Factory>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>An incident after one failing segment, a feed limit of two per tenant and a heartbeat every second, so that each shows quickly.</summary>
    public sealed class Factory : ApiFactory
    {
        public Factory()
        {
            WithSetting("Monitoring:IncidentOpenAfter", "1");
            WithSetting("LiveFeed:MaxConnectionsPerTenant", "2");
            WithSetting("LiveFeed:HeartbeatInterval", "00:00:01");
        }
    }

    [Fact]
    public async Task A_quiet_feed_sends_a_heartbeat_comment()
    {
        var (client, _) = await api.NewTenantAsync();
        await RegisterAsync(client, "quiet");
        using var feed = await FeedReader.OpenAsync(client, "/v1/events/quiet/live");
        (await feed.NextAsync(Bound)).Type.Should().Be("state");
        (await feed.CommentAsync(Bound)).Should().Be(": heartbeat");
    }

    [Fact]
    public async Task A_feed_starts_with_the_state_then_relays_each_checked_segment_and_incident()
    {
        var (client, tenant) = await api.NewTenantAsync();
        var start = await RegisterAsync(client, "live");
        await PublishAsync(tenant.Tenant.Id, "live", Result(tenant.Tenant.Id, "live", start, 1, silence: 0));
        await Eventually.TrueAsync(async () => (await client.GetAsync("/v1/events/live/segments/1")).IsSuccessStatusCode
            && (await client.GetFromJsonAsync<JsonElement>("/v1/events/live/segments/1")).GetProperty("monitoring").ValueKind != JsonValueKind.Null, "segment 1 is checked");

        using var feed = await FeedReader.OpenAsync(client, "/v1/events/live/live");
        var state = await feed.NextAsync(Bound);
        state.Type.Should().Be("state");
        var events = state.Data.GetProperty("events");
        events.GetArrayLength().Should().Be(1);
        events[0].GetProperty("eventId").GetString().Should().Be("live");
        events[0].GetProperty("segments")[0].GetProperty("sequence").GetInt64().Should().Be(1, "a page that connects mid-event sees the newest segment");
        events[0].GetProperty("openIncidents").GetArrayLength().Should().Be(0);

        await PublishAsync(tenant.Tenant.Id, "live", Result(tenant.Tenant.Id, "live", start, 2, silence: 4));
        // Segment 1's own update may still be on its way: the feed subscribes before it reads the state, so it can repeat.
        var segment = await feed.NextOfAsync("segment", Bound, f => f.Id != "1");
        segment.Id.Should().Be("2");
        segment.Data.GetProperty("programTitle").GetString().Should().Be("Show");
        var audio = segment.Data.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("check").GetString() == "audio");
        audio.GetProperty("status").GetString().Should().Be("fail");
        audio.GetProperty("reason").GetString().Should().Contain("Silence");

        var incident = await feed.NextOfAsync("incident", Bound);
        incident.Data.GetProperty("incident").GetProperty("check").GetString().Should().Be("audio");
        incident.Data.GetProperty("incident").GetProperty("state").GetString().Should().Be("open");
    }

    [Fact]
    public async Task A_client_resuming_with_Last_Event_ID_gets_the_segments_it_missed()
    {
        var (client, tenant) = await api.NewTenantAsync();
        var start = await RegisterAsync(client, "resume");
        for (var sequence = 1; sequence <= 3; sequence++)
        {
            await PublishAsync(tenant.Tenant.Id, "resume", Result(tenant.Tenant.Id, "resume", start, sequence, silence: 0));
        }

        await Eventually.TrueAsync(async () => (await client.GetAsync("/v1/events/resume/segments/3")).IsSuccessStatusCode
            && (await client.GetFromJsonAsync<JsonElement>("/v1/events/resume/segments/3")).GetProperty("monitoring").ValueKind != JsonValueKind.Null, "segment 3 is checked");

        using var feed = await FeedReader.OpenAsync(client, "/v1/events/resume/live", lastEventId: "1");
        var state = await feed.NextAsync(Bound);
        state.Data.GetProperty("events")[0].GetProperty("segments").EnumerateArray().Select(s => s.GetProperty("sequence").GetInt64()).Should().Equal(2, 3);
    }

    [Fact]
    public async Task One_feed_follows_several_events_and_each_frame_names_its_event()
    {
        var (client, tenant) = await api.NewTenantAsync();
        var start = await RegisterAsync(client, "a");
        await RegisterAsync(client, "b");

        using var feed = await FeedReader.OpenAsync(client, "/v1/live?events=a,b");
        var state = await feed.NextAsync(Bound);
        state.Data.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("eventId").GetString()).Should().Equal("a", "b");
        await PublishAsync(tenant.Tenant.Id, "b", Result(tenant.Tenant.Id, "b", start, 7, silence: 0));
        var segment = await feed.NextOfAsync("segment", Bound);
        segment.Data.GetProperty("eventId").GetString().Should().Be("b");
        segment.Id.Should().BeNull("sequences are unique within one event only");
    }

    [Fact]
    public async Task Refusals_are_problems_before_any_stream_starts()
    {
        var (client, _) = await api.NewTenantAsync();
        await RegisterAsync(client, "mine");

        using var anonymous = await api.Anonymous().GetAsync("/v1/events/mine/live");
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        anonymous.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");

        using var unknown = await client.GetAsync("/v1/events/nope/live");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        unknown.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain("nope");

        var (other, _) = await api.NewTenantAsync();
        (await other.GetAsync("/v1/events/mine/live")).StatusCode.Should().Be(HttpStatusCode.NotFound, "another tenant's event does not exist here");
        (await client.GetAsync("/v1/live?events=")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync("/v1/live?events=" + string.Join(',', Enumerable.Range(0, 101).Select(i => $"e{i}")))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync("/v1/live?events=mine,bad%2Fid")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_tenant_over_its_feed_limit_is_told_to_retry_and_a_closed_feed_frees_its_slot()
    {
        var (client, _) = await api.NewTenantAsync();
        await RegisterAsync(client, "busy");
        using var first = await FeedReader.OpenAsync(client, "/v1/events/busy/live");
        var second = await FeedReader.OpenAsync(client, "/v1/events/busy/live");
        (await first.NextAsync(Bound)).Type.Should().Be("state");

        using (var third = await client.GetAsync("/v1/events/busy/live", HttpCompletionOption.ResponseHeadersRead))
        {
            third.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
            third.Headers.RetryAfter.Should().NotBeNull();
        }

        second.Dispose();
        await Eventually.TrueAsync(
            async () =>
            {
                using var again = await client.GetAsync("/v1/events/busy/live", HttpCompletionOption.ResponseHeadersRead);
                return again.StatusCode == HttpStatusCode.OK;
            },
            "the closed feed's slot is free again",
            Bound);
    }

    [Fact]
    public async Task A_feed_holds_one_stream_subscription_while_open_and_none_after_the_client_goes()
    {
        var (client, tenant) = await api.NewTenantAsync();
        await RegisterAsync(client, "sub");
        // The feeds subscribe through the host's own cluster client, so that client lists their subscriptions.
        var stream = api.Services.GetRequiredService<IClusterClient>().GetStreamProvider(StreamNames.Provider)
            .GetStream<LiveMonitorUpdate>(StreamId.Create(StreamNames.MonitorLive, tenant.Tenant.Id));
        var feed = await FeedReader.OpenAsync(client, "/v1/events/sub/live");
        (await feed.NextAsync(Bound)).Type.Should().Be("state");
        (await stream.GetAllSubscriptionHandles()).Should().ContainSingle();

        feed.Dispose();
        await Eventually.TrueAsync(async () => (await stream.GetAllSubscriptionHandles()).Count == 0, "the closed feed unsubscribed", Bound);
    }

    private static async Task<DateTimeOffset> RegisterAsync(HttpClient client, string eventId)
    {
        var upcoming = ApiFactory.UpcomingEvent(eventId);
        (await client.PostAsJsonAsync("/v1/events", upcoming)).EnsureSuccessStatusCode();
        var start = upcoming.StartsAt;
        (await client.PutAsJsonAsync($"/v1/events/{eventId}/schedule", new
        {
            programs = new object[] { new { id = "show", title = "Show", start, end = start.AddHours(2), type = "entertainment" } },
        })).EnsureSuccessStatusCode();
        return start;
    }

    private Task PublishAsync(string tenantId, string eventId, SegmentAnalysisResult result) =>
        api.Services.GetRequiredService<IClusterClient>()
            .GetStreamProvider(StreamNames.Provider)
            .GetStream<SegmentAnalysisResult>(StreamId.Create(StreamNames.SegmentResults, ResourceId.Scoped(tenantId, eventId)))
            .OnNextAsync(result);

    private static SegmentAnalysisResult Result(string tenantId, string eventId, DateTimeOffset eventStart, long sequence, double silence)
    {
        var start = sequence * 6.0;
        return Segments.Segment(start, 6, null, Segments.QuietSignals(silence > 0 ? [new TimeRange(start + 1, start + 1 + silence)] : []), sequence) with
        {
            TenantId = tenantId,
            EventId = eventId,
            ProgramDateTime = eventStart.AddSeconds(start),
        };
    }
}
