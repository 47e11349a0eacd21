using Glance.Grains.Interfaces.Common;
using Glance.Grains.Interfaces.Monitoring;
using Glance.Grains.Monitoring;
using static Glance.Tests.Monitoring.Segments;

namespace Glance.Tests.Monitoring;

public sealed class ScheduleRulesTests
{
    [Fact]
    public void Programs_come_back_in_time_order_normalized()
    {
        var programs = ScheduleRules.Validate([Match(60, 120) with { Id = null, Type = "Sports", Teams = [" Porto ", ""] }, News(0, 60)]);

        programs.Select(p => p.Id).Should().Equal("news", "program-1");
        programs[1].Type.Should().Be("sport");
        programs[1].Teams.Should().Equal("Porto");
    }

    [Fact]
    public void An_overlap_is_an_error_naming_both_programs()
    {
        var act = () => ScheduleRules.Validate([News(0, 70), Match(60, 120)]);

        var errors = act.Should().Throw<ValidationFailedException>().Which.Errors;
        errors.Should().ContainKey("programs[1]");
        errors["programs[1]"].Single().Should().Contain("'Porto v Santos' (match)").And.Contain("'Evening news' (news)").And.Contain("overlap");
    }

    [Fact]
    public void A_gap_is_an_error_naming_both_programs_and_its_length()
    {
        var act = () => ScheduleRules.Validate([News(0, 60), Match(90, 120)]);

        var error = act.Should().Throw<ValidationFailedException>().Which.Errors["programs[1]"].Single();
        error.Should().Contain("30 s after 'Evening news' (news)").And.Contain("gap");
    }

    [Fact]
    public void Bad_programs_are_refused_field_by_field_and_sizes_are_bounded()
    {
        var tooMany = Enumerable.Range(0, MonitoringLimits.MaxPrograms + 1).Select(i => (ScheduledProgram?)(News(i, i + 1) with { Id = $"p{i}" })).ToList();
        var act = () => ScheduleRules.Validate(
        [
            News(0, 60) with { Title = " " },
            Match(60, 60),
            Match(60, 120) with { Id = "news", Teams = [.. Enumerable.Repeat("x", 9)] },
            null,
            Match(120, 180) with { Id = "m2", Breaks = [new ScheduledBreak(EventStart.AddSeconds(170), EventStart.AddSeconds(190))], Checks = new CheckSettings(Thresholds: new CheckThresholds(LogoMinShare: 1.5)) },
        ]);

        var errors = act.Should().Throw<ValidationFailedException>().Which.Errors;
        errors.Keys.Should().Contain(["programs[0].title", "programs[1].end", "programs[2].id", "programs[2].teams", "programs[3]", "programs[4].breaks", "programs[4].checks.thresholds.logoMinShare"]);
        FluentActions.Invoking(() => ScheduleRules.Validate(tooMany)).Should().Throw<ValidationFailedException>().Which.Errors.Should().ContainKey("programs");
        ScheduleRules.Validate(tooMany.Take(MonitoringLimits.MaxPrograms).ToList()).Should().HaveCount(MonitoringLimits.MaxPrograms);
    }
}
