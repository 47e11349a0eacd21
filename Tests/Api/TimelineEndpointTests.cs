using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Glance.Tests.Timeline;

namespace Glance.Tests.Api;

/// <summary>The broadcaster's timeline and segment endpoints and the viewer's WebVTT track, over HTTP.</summary>
public sealed class TimelineEndpointTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Segment_statuses_are_a_list_like_every_other_items_and_next_a_page_at_a_time()
    {
        var (client, tenant) = await api.NewTenantAsync();
        (await client.PostAsJsonAsync("/v1/events", ApiFactory.UpcomingEvent("paged"))).EnsureSuccessStatusCode();
        for (var sequence = 1; sequence <= 5; sequence++)
        {
            await api.RecordAsync(tenant.Tenant.Id, "paged", EventTimelineGrainTests.Result(0, sequence, sequence * 6, 6));
        }

        var first = await client.GetFromJsonAsync<JsonElement>("/v1/events/paged/segments?limit=2");
        var second = await client.GetFromJsonAsync<JsonElement>($"/v1/events/paged/segments?limit=2&after={first.GetProperty("next").GetInt64()}");
        var last = await client.GetFromJsonAsync<JsonElement>($"/v1/events/paged/segments?limit=2&after={second.GetProperty("next").GetInt64()}");

        Sequences(first).Should().Equal(1, 2);
        Sequences(second).Should().Equal(3, 4);
        Sequences(last).Should().Equal(5);
        last.GetProperty("next").ValueKind.Should().Be(JsonValueKind.Null, "the last page says so");
        var exact = await client.GetFromJsonAsync<JsonElement>("/v1/events/paged/segments?limit=5");
        Sequences(exact).Should().HaveCount(5);
        exact.GetProperty("next").ValueKind.Should().Be(JsonValueKind.Null, "a page that holds the rest exactly is the last one");
        (await client.GetAsync("/v1/events/paged/segments?limit=101")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_webvtt_track_keeps_the_frames_seen_before_the_event_start_at_zero()
    {
        var (client, tenant) = await api.NewTenantAsync();
        (await client.PostAsJsonAsync("/v1/events", ApiFactory.UpcomingEvent("preroll"))).EnsureSuccessStatusCode();
        await api.RecordAsync(tenant.Tenant.Id, "preroll", EventTimelineGrainTests.Result(0, 1, -3, 3, ("logo", "early", "Early")));
        await api.RecordAsync(tenant.Tenant.Id, "preroll", EventTimelineGrainTests.Result(0, 2, 0, 2, ("logo", "onair", "On air")));
        var viewer = api.As(await api.ViewerTokenAsync(client, "v1"));

        var vtt = await viewer.GetStringAsync("/v1/events/preroll/timeline.vtt");
        var timeline = await client.GetFromJsonAsync<JsonElement>("/v1/events/preroll/timeline");

        var cues = vtt.Split('\n').Where(line => line.Contains("-->", StringComparison.Ordinal)).ToList();
        cues.Should().Equal(
            "00:00:00.000 --> 00:00:00.001",
            "00:00:00.000 --> 00:00:00.001",
            "00:00:00.000 --> 00:00:00.001",
            "00:00:00.000 --> 00:00:01.000",
            "00:00:01.000 --> 00:00:02.000");
        vtt.Should().Contain("\"name\":\"Early\"");
        timeline.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("position").GetDouble()).Should().Equal(-3, -2, -1, 0, 1);
    }

    private static IEnumerable<long> Sequences(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("sequence").GetInt64());
}
