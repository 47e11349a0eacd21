using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Glance.Grains.Interfaces.Common;
using Glance.Grains.Interfaces.Streams;
using Glance.Grains.Interfaces.Timeline;
using Glance.Tests.Api;
using Glance.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;

namespace Glance.Tests.Monitoring;

/// <summary>Schedules and check switches over HTTP, and a segment's checks end to end: a result published on the
/// event's results stream reaches the monitor grain, whose checks the segment endpoint shows beside the timeline's status.</summary>
public sealed class MonitoringEndpointTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_schedule_is_stored_read_back_and_overlaps_or_gaps_answer_problem_details_naming_the_programs()
    {
        var (client, _) = await api.NewTenantAsync();
        var upcoming = ApiFactory.UpcomingEvent("sched");
        (await client.PostAsJsonAsync("/v1/events", upcoming)).EnsureSuccessStatusCode();
        var start = upcoming.StartsAt;

        var stored = await client.PutAsJsonAsync("/v1/events/sched/schedule", new
        {
            programs = new object[]
            {
                new { id = "m", title = "Match", start = start.AddMinutes(5), end = start.AddHours(2), type = "sport", stationLogo = "GTV", sport = "soccer", teams = new[] { "Porto", "Santos" }, checks = new { disabled = new[] { "loudness" }, thresholds = new { logoMinShare = 0.5 } } },
                new { id = "n", title = "News", start, end = start.AddMinutes(5), type = "news" },
            },
        });
        var overlap = await client.PutAsJsonAsync("/v1/events/sched/schedule", new { programs = new[] { new { title = "A", start, end = start.AddMinutes(10) }, new { title = "B", start = start.AddMinutes(5), end = start.AddMinutes(20) } } });
        var gap = await client.PutAsJsonAsync("/v1/events/sched/schedule", new { programs = new[] { new { title = "A", start, end = start.AddMinutes(10) }, new { title = "B", start = start.AddMinutes(11), end = start.AddMinutes(20) } } });
        var read = await client.GetFromJsonAsync<JsonElement>("/v1/events/sched/schedule");

        stored.StatusCode.Should().Be(HttpStatusCode.OK);
        read.GetProperty("programs").EnumerateArray().Select(p => p.GetProperty("id").GetString()).Should().Equal("n", "m");
        read.GetProperty("programs")[1].GetProperty("checks").GetProperty("disabled")[0].GetString().Should().Be("loudness");
        read.GetProperty("version").GetInt64().Should().Be(1, "refused schedules change nothing");
        foreach (var refused in new[] { overlap, gap })
        {
            refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            problem.GetProperty("errors").GetProperty("programs[1]")[0].GetString().Should().Contain("'B' (program-2)").And.Contain("'A' (program-1)");
        }

        (await client.GetAsync("/v1/events/nothing/schedule")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var (other, _) = await api.NewTenantAsync();
        (await other.GetAsync("/v1/events/sched/schedule")).StatusCode.Should().Be(HttpStatusCode.NotFound, "another tenant's event does not exist");
    }

    [Fact]
    public async Task Csv_in_either_column_set_replaces_the_schedule_and_bad_csv_is_a_problem()
    {
        var (client, _) = await api.NewTenantAsync();
        (await client.PostAsJsonAsync("/v1/events", ApiFactory.UpcomingEvent("csv"))).EnsureSuccessStatusCode();

        var aws = await PostCsvAsync(client, "csv", ScheduleCsvTests.AwsColumns);
        var ours = await PostCsvAsync(client, "csv", ScheduleCsvTests.OurColumns);
        var bad = await PostCsvAsync(client, "csv", "title,start,end,colour\nA,B,C,D");
        var wrongType = await PostCsvAsync(client, "csv", ScheduleCsvTests.AwsColumns, "application/json");
        var tooLarge = await PostCsvAsync(client, "csv", "title,start,end\n" + new string('x', Glance.Grains.Interfaces.Monitoring.MonitoringLimits.MaxCsvBytes));

        aws.StatusCode.Should().Be(HttpStatusCode.OK);
        (await aws.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("programs")[1].GetProperty("teams").EnumerateArray().Select(t => t.GetString()).Should().Equal("POR", "SAN");
        ours.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ours.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("programs")[0].GetProperty("id").GetString().Should().Be("news");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("csv")[0].GetString().Should().Contain("colour");
        wrongType.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        tooLarge.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_segment_published_on_the_results_stream_shows_its_checks_and_switches_apply_to_the_next_segment()
    {
        var (client, tenant) = await api.NewTenantAsync();
        var upcoming = ApiFactory.UpcomingEvent("live");
        (await client.PostAsJsonAsync("/v1/events", upcoming)).EnsureSuccessStatusCode();
        var start = upcoming.StartsAt;
        (await client.PutAsJsonAsync("/v1/events/live/schedule", new
        {
            programs = new object[]
            {
                new { id = "news", title = "News", start, end = start.AddMinutes(1), type = "news", stationLogo = "GTV News" },
                new { id = "match", title = "Porto v Santos", start = start.AddMinutes(1), end = start.AddHours(2), type = "sport", stationLogo = "GTV Sports", teams = new[] { "Porto", "Santos" } },
            },
        })).EnsureSuccessStatusCode();

        // Segment 1 in the news, logo in every frame, 3 s of silence; segment 2 in the match, logo in half the frames.
        await PublishAsync(api, tenant.Tenant.Id, "live", Result(tenant.Tenant.Id, start, 1, 6, _ => [("logo", "gtv-news", "GTV News")], silence: 3));
        await PublishAsync(api, tenant.Tenant.Id, "live", Result(tenant.Tenant.Id, start, 2, 66, i => i % 2 == 0 ? [("logo", "gtv", "GTV Sports"), ("team", "porto", "Porto"), ("team", "santos", "Santos")] : []));

        var news = await CheckedSegmentAsync(client, "live", 1);
        var match = await CheckedSegmentAsync(client, "live", 2);

        news.GetProperty("frames").GetInt32().Should().Be(6, "the timeline's status is still all there");
        var newsChecks = news.GetProperty("monitoring");
        newsChecks.GetProperty("programId").GetString().Should().Be("news");
        Check(newsChecks, "stationLogo").GetProperty("status").GetString().Should().Be("pass");
        Check(newsChecks, "stationLogo").GetProperty("frames").GetArrayLength().Should().Be(6, "expected vs detected per frame");
        Check(newsChecks, "teams").GetProperty("status").GetString().Should().Be("skipped");
        Check(newsChecks, "audio").GetProperty("status").GetString().Should().Be("fail");
        Check(newsChecks, "audio").GetProperty("detected").GetString().Should().Contain("3.0 s");
        var matchChecks = match.GetProperty("monitoring");
        matchChecks.GetProperty("programId").GetString().Should().Be("match");
        Check(matchChecks, "stationLogo").GetProperty("status").GetString().Should().Be("fail", "50 % is under 60 %");
        Check(matchChecks, "stationLogo").GetProperty("expected").GetString().Should().Be("GTV Sports");
        Check(matchChecks, "teams").GetProperty("status").GetString().Should().Be("pass");

        (await client.PutAsJsonAsync("/v1/events/live/checks", new { disabled = new[] { "audio" }, thresholds = new { logoMinShare = 0.5 } })).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync("/v1/events/live/checks", new { thresholds = new { logoMinShare = 2 } })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        await PublishAsync(api, tenant.Tenant.Id, "live", Result(tenant.Tenant.Id, start, 3, 72, i => i % 2 == 0 ? [("logo", "gtv", "GTV Sports")] : [], silence: 3));
        var switched = (await CheckedSegmentAsync(client, "live", 3)).GetProperty("monitoring");

        Check(switched, "audio").GetProperty("status").GetString().Should().Be("skipped");
        Check(switched, "stationLogo").GetProperty("status").GetString().Should().Be("pass", "the event's threshold is now 50 %");
        (await client.GetFromJsonAsync<JsonElement>("/v1/events/live/checks")).GetProperty("disabled")[0].GetString().Should().Be("audio");
    }

    [Fact]
    public async Task Three_segments_without_the_station_logo_open_an_incident_and_two_with_it_close_it()
    {
        var (client, tenant) = await api.NewTenantAsync();
        var start = await RegisterLogoOnlyShowAsync(client);

        // Logo missing in segments 1-3 (an incident from segment 1), back in 4 and 5 (closed at 5).
        for (var sequence = 1; sequence <= 5; sequence++)
        {
            var logo = sequence >= 4;
            await PublishAsync(api, tenant.Tenant.Id, "live", Result(tenant.Tenant.Id, start, sequence, sequence * 6, _ => logo ? [("logo", "gtv", "GTV Sports")] : []));
            await CheckedSegmentAsync(client, "live", sequence);
            if (sequence == 3)
            {
                var open = await client.GetFromJsonAsync<JsonElement>("/v1/events/live/incidents?state=open");
                var incident = open.EnumerateArray().Should().ContainSingle().Subject;
                incident.GetProperty("check").GetString().Should().Be("stationLogo");
                incident.GetProperty("openedAtSequence").GetInt64().Should().Be(1, "the incident dates from the first failing segment");
                incident.GetProperty("reason").GetString().Should().Contain("GTV Sports");
            }
        }

        var all = await client.GetFromJsonAsync<JsonElement>("/v1/events/live/incidents");
        var closed = all.EnumerateArray().Should().ContainSingle().Subject;
        closed.GetProperty("state").GetString().Should().Be("closed");
        closed.GetProperty("closedAtSequence").GetInt64().Should().Be(5);
        (await client.GetFromJsonAsync<JsonElement>("/v1/events/live/incidents?state=open")).GetArrayLength().Should().Be(0);
        (await client.GetFromJsonAsync<JsonElement>("/v1/events/live/incidents?check=teams")).GetArrayLength().Should().Be(0);
        (await client.GetAsync("/v1/events/live/incidents?state=ajar")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync("/v1/events/live/incidents?limit=0")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    /// <summary>Event "live" with one program expecting the GTV Sports logo, every check but the logo's off; returns its start.</summary>
    internal static async Task<DateTimeOffset> RegisterLogoOnlyShowAsync(HttpClient client)
    {
        var upcoming = ApiFactory.UpcomingEvent("live");
        (await client.PostAsJsonAsync("/v1/events", upcoming)).EnsureSuccessStatusCode();
        var start = upcoming.StartsAt;
        (await client.PutAsJsonAsync("/v1/events/live/schedule", new
        {
            programs = new object[] { new { id = "show", title = "Show", start, end = start.AddHours(2), type = "entertainment", stationLogo = "GTV Sports" } },
        })).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync("/v1/events/live/checks", new { disabled = new[] { "audio", "loudness", "black", "freeze", "transport", "scte35", "captions" } })).EnsureSuccessStatusCode();
        return start;
    }

    private static JsonElement Check(JsonElement monitoring, string name) =>
        monitoring.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("check").GetString() == name);

    internal static async Task<JsonElement> CheckedSegmentAsync(HttpClient client, string eventId, long sequence)
    {
        var body = await Eventually.ValueAsync<string>(
            async () =>
            {
                using var response = await client.GetAsync($"/v1/events/{eventId}/segments/{sequence}");
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    return null;
                }

                var text = await response.Content.ReadAsStringAsync();
                return JsonDocument.Parse(text).RootElement.GetProperty("monitoring").ValueKind == JsonValueKind.Null ? null : text;
            },
            $"segment {sequence} is recorded and checked");
        return JsonDocument.Parse(body).RootElement;
    }

    private static async Task<HttpResponseMessage> PostCsvAsync(HttpClient client, string eventId, string csv, string mediaType = "text/csv")
    {
        using var content = new StringContent(csv, Encoding.UTF8, mediaType);
        return await client.PostAsync($"/v1/events/{eventId}/schedule.csv", content);
    }

    /// <summary>Puts a result on the event's results stream, as the pipeline does.</summary>
    internal static Task PublishAsync(ApiFactory api, string tenantId, string eventId, SegmentAnalysisResult result) =>
        api.Services.GetRequiredService<IClusterClient>()
            .GetStreamProvider(StreamNames.Provider)
            .GetStream<SegmentAnalysisResult>(StreamId.Create(StreamNames.SegmentResults, ResourceId.Scoped(tenantId, eventId)))
            .OnNextAsync(result);

    /// <summary>A 6 s segment of event "live" at <paramref name="start"/> s, program date-time from the event start.</summary>
    internal static SegmentAnalysisResult Result(string tenantId, DateTimeOffset eventStart, long sequence, double start, Func<int, IEnumerable<(string Kind, string? Id, string Name)>> seen, double silence = 0) =>
        Segments.Segment(start, 6, seen, Segments.QuietSignals(silence > 0 ? new[] { new TimeRange(start + 1, start + 1 + silence) } : []), sequence) with
        {
            TenantId = tenantId,
            EventId = "live",
            ProgramDateTime = eventStart.AddSeconds(start),
        };
}
