using Glance.Demo;
using Glance.Grains.Interfaces.Monitoring;
using Glance.Grains.Monitoring;
using Glance.Demo.Channel;

namespace Glance.Tests.Demo;

/// <summary>The demo channel's schedule, built from its programme: news then a match every cycle, in a window the schedule rules accept.</summary>
public sealed class DemoScheduleTests
{
    private static readonly DemoGallery Gallery = new(
        new DemoPerson(DemoGallery.PresenterId, DemoGallery.PresenterName, [1], "test"),
        new DemoLogo(DemoGallery.LogoId, DemoGallery.LogoName, [1], 150, 60),
        DemoGallery.DefaultTeams,
        DemoGallery.DefaultScoreboardText);

    [Fact]
    public void Every_cycle_is_news_then_a_match_from_one_cycle_back_to_the_horizon_and_the_rules_accept_it()
    {
        var programme = DemoProgramme.Default;
        var cycleStart = new DateTimeOffset(2026, 12, 6, 5, 0, 0, TimeSpan.Zero);

        var programs = DemoSchedule.Programs(programme, Gallery, cycleStart, TimeSpan.FromHours(1));

        programs.Should().HaveCount(122, "one cycle back and sixty ahead, two programs each");
        ScheduleRules.Validate(programs).Should().HaveCount(programs.Count, "no gaps, no overlaps, every field in bounds");
        programs[0].Start.Should().Be(cycleStart.AddMinutes(-1));
        programs[^1].End.Should().Be(cycleStart.AddHours(1));
        var now = programs.Where(p => p.Start <= cycleStart.AddSeconds(25) && cycleStart.AddSeconds(25) < p.End).Should().ContainSingle().Subject;
        now.Should().BeEquivalentTo(new
        {
            Id = "match-" + cycleStart.ToUnixTimeMilliseconds(),
            Type = "sport",
            Start = cycleStart.AddSeconds(20),
            End = cycleStart.AddSeconds(60),
            StationLogo = "GTV Sports",
            Teams = new[] { "Porto", "Santos" },
            Breaks = new[] { new ScheduledBreak(cycleStart.AddSeconds(30), cycleStart.AddSeconds(40)) },
        });
        programs.Single(p => p.Start == cycleStart).Should().Match<ScheduledProgram>(p => p.Type == "news" && p.End == cycleStart.AddSeconds(20) && p.StationLogo == "GTV Sports" && p.Teams == null);
        for (var i = 0; i < programs.Count; i++)
        {
            var phase = programme.PhaseAt(programs[i].Start + TimeSpan.FromSeconds(1));
            programme.At(phase).News.Should().Be(programs[i].Type == "news", "the schedule follows the channel's programme");
        }
    }

    [Fact]
    public void Short_cycles_stay_within_the_schedule_limit_and_are_renewed_halfway()
    {
        var programme = DemoProgramme.ScaledTo(TimeSpan.FromSeconds(12));

        var programs = DemoSchedule.Programs(programme, Gallery, DateTimeOffset.UnixEpoch.AddHours(1000), TimeSpan.FromHours(1));

        programs.Count.Should().BeLessThanOrEqualTo(MonitoringLimits.MaxPrograms);
        ScheduleRules.Validate(programs).Should().HaveCount(programs.Count);
        DemoSchedule.RenewalInterval(programme, TimeSpan.FromHours(1)).Should().Be((programs[^1].End - programs[2].Start) / 2, "renewed when half of what lies ahead has passed");
    }
}
