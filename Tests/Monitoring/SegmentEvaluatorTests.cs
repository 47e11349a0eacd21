using Glance.Grains.Interfaces.Monitoring;
using Glance.Grains.Interfaces.Timeline;
using Glance.Grains.Monitoring;
using static Glance.Tests.Monitoring.Segments;

namespace Glance.Tests.Monitoring;

/// <summary>Program lookup, switches and thresholds by level, and failed segments.</summary>
public sealed class SegmentEvaluatorTests
{
    private static readonly IReadOnlyList<ScheduledProgram> Schedule = ScheduleRules.Validate([News(0, 60), Match(60, 3600)]);

    private readonly SegmentEvaluator evaluator = new(new MonitoringOptions());

    [Fact]
    public void The_program_is_found_by_program_date_time_and_else_by_stream_time()
    {
        var byDate = evaluator.Evaluate(Segment(66, 6), Schedule, null, EventStart, EventStart);
        var byStreamTime = evaluator.Evaluate(Segment(6, 6) with { ProgramDateTime = null }, Schedule, null, EventStart, EventStart);
        var unscheduled = evaluator.Evaluate(Segment(-12, 6), Schedule, null, EventStart, EventStart);

        byDate.ProgramId.Should().Be("match");
        byStreamTime.ProgramId.Should().Be("news");
        byStreamTime.At.Should().Be(EventStart.AddSeconds(6));
        unscheduled.ProgramId.Should().BeNull();
        unscheduled.Checks.Single(c => c.Check == MonitoringCheck.StationLogo).Status.Should().Be(CheckStatus.Skipped);
        unscheduled.Checks.Single(c => c.Check == MonitoringCheck.Audio).Status.Should().Be(CheckStatus.Pass, "signal checks need no program");
        byDate.Checks.Select(c => c.Check).Should().Equal(Enum.GetValues<MonitoringCheck>(), "every check has a result, in a stable order");
    }

    [Fact]
    public void Switches_and_thresholds_apply_by_level_service_then_event_then_program()
    {
        var segment = Segment(66, 10, i => i < 7 ? [("logo", "gtv", "GTV Sports")] : []);
        var eventSettings = new CheckSettings(Disabled: [MonitoringCheck.Audio, MonitoringCheck.Teams], Thresholds: new CheckThresholds(LogoMinShare: 0.8));
        var programOverride = ScheduleRules.Validate([News(0, 60), Match(60, 3600) with { Checks = new CheckSettings(Enabled: [MonitoringCheck.Teams], Thresholds: new CheckThresholds(LogoMinShare: 0.7)) }]);

        var byEvent = evaluator.Evaluate(segment, Schedule, eventSettings, EventStart, EventStart);
        var byProgram = evaluator.Evaluate(segment, programOverride, eventSettings, EventStart, EventStart);

        Status(byEvent, MonitoringCheck.Audio).Should().Be(CheckStatus.Skipped);
        byEvent.Checks.Single(c => c.Check == MonitoringCheck.Audio).Reason.Should().Contain("event");
        Status(byEvent, MonitoringCheck.StationLogo).Should().Be(CheckStatus.Fail, "70 % is under the event's 80 %");
        Status(byProgram, MonitoringCheck.StationLogo).Should().Be(CheckStatus.Pass, "the program lowers it to 70 %");
        Status(byEvent, MonitoringCheck.Teams).Should().Be(CheckStatus.Skipped);
        Status(byProgram, MonitoringCheck.Teams).Should().Be(CheckStatus.Fail, "the program enables teams again, and none are seen");
    }

    [Fact]
    public void A_failed_segment_makes_every_enabled_check_an_error()
    {
        var failed = Segment(66, 0) with { Outcome = SegmentOutcome.Failed, FailureReason = "fetch timed out", Signals = null };

        var checks = evaluator.Evaluate(failed, Schedule, new CheckSettings(Disabled: [MonitoringCheck.Captions]), EventStart, EventStart);

        checks.Checks.Where(c => c.Check != MonitoringCheck.Captions).Should().OnlyContain(c => c.Status == CheckStatus.Error && c.Reason.Contains("fetch timed out"));
        Status(checks, MonitoringCheck.Captions).Should().Be(CheckStatus.Skipped);
    }

    private static CheckStatus Status(SegmentChecks checks, MonitoringCheck check) => checks.Checks.Single(c => c.Check == check).Status;
}
