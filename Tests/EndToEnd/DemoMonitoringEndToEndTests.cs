using System.Net.Http.Json;
using System.Text.Json;
using Glance.Demo;
using Glance.Demo.Channel;
using Glance.Tests.Infrastructure;
using Glance.Tests.Ingest;

namespace Glance.Tests.EndToEnd;

/// <summary>
/// The demo as monitoring sees it: the bootstrap registers the channel's schedule (news then a match, aligned to the
/// channel's cycle) and a scripted fault, analysed by the real detectors, fails its check on consecutive segments and
/// opens an incident. A 24 s cycle and 2 s segments keep it to about a minute; the wait ends when the incident exists.
/// </summary>
[Collection(LiveMediaCollection.Name)]
public sealed class DemoMonitoringEndToEndTests
{
    [Fact]
    public async Task The_demo_event_gets_its_schedule_and_a_scripted_fault_opens_an_incident()
    {
        using var folder = new TemporaryDirectory();
        await using var api = ShortCycleDemo.Factory(folder.Path, TimeSpan.FromSeconds(24));
        var (demo, channel) = await ShortCycleDemo.StartAsync(api);
        using var broadcaster = api.As(demo.BroadcasterKey);

        var schedule = await broadcaster.GetFromJsonAsync<JsonElement>($"/v1/events/{demo.EventId}/schedule");
        var programs = schedule.GetProperty("programs").EnumerateArray().ToList();
        programs.Count.Should().Be(2 * (DemoSchedule.CyclesAhead(channel.Options.Programme, TimeSpan.FromHours(1)) + 1));
        programs.Select(p => p.GetProperty("type").GetString()).Should().Equal(programs.Select((_, i) => i % 2 == 0 ? "news" : "sport"));
        var now = DateTimeOffset.UtcNow;
        var onAir = programs.Single(p => p.GetProperty("start").GetDateTimeOffset() <= now && now < p.GetProperty("end").GetDateTimeOffset());
        var moment = channel.ProgrammeAt(now)!;
        var sinceStart = (now - onAir.GetProperty("start").GetDateTimeOffset()).TotalSeconds;
        if (sinceStart > 0.5 && (onAir.GetProperty("end").GetDateTimeOffset() - now).TotalSeconds > 0.5)
        {
            (onAir.GetProperty("type").GetString() == "news").Should().Be(moment.News, "the schedule is aligned to what the channel shows");
        }

        programs.Where(p => p.GetProperty("type").GetString() == "sport").Should().OnlyContain(p =>
            p.GetProperty("teams").EnumerateArray().Select(t => t.GetString()).SequenceEqual(new[] { "Porto", "Santos" }) && p.GetProperty("stationLogo").GetString() == "GTV Sports");

        var incident = await Eventually.ValueAsync<string>(
            async () =>
            {
                foreach (var check in new[] { "teams", "stationLogo" })
                {
                    var open = await broadcaster.GetFromJsonAsync<JsonElement>($"/v1/events/{demo.EventId}/incidents?check={check}");
                    if (open.GetArrayLength() > 0)
                    {
                        return open[0].GetRawText();
                    }
                }

                return null;
            },
            "a scripted fault opens an incident",
            TimeSpan.FromSeconds(150));

        var opened = JsonDocument.Parse(incident).RootElement;
        var openedAt = opened.GetProperty("openedAt").GetDateTimeOffset();
        var faulty = opened.GetProperty("check").GetString() == "teams"
            ? (Func<ProgrammeMoment, bool>)(m => m.OtherTeamsShown || m.Black)
            : m => !m.LogoShown;
        Enumerable.Range(0, 9).Select(i => channel.ProgrammeAt(openedAt.AddSeconds(i * 0.25))!).Should().Contain(m => faulty(m), "the incident dates from a segment in the scripted fault");
        opened.GetProperty("reason").GetString().Should().NotBeNullOrWhiteSpace();
    }
}
