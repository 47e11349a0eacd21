using Glance.Grains.Interfaces.Monitoring;
using Glance.Grains.Monitoring.Incidents;

namespace Glance.Tests.Monitoring;

public sealed class IncidentTrackerTests
{
    [Fact]
    public void An_incident_opens_at_the_third_failing_segment_dated_from_the_first_and_closes_after_two_passing()
    {
        var tracker = new IncidentTracker(openAfter: 3, closeAfter: 2);

        tracker.Apply(Checks(1, CheckStatus.Fail, "logo missing in 0 %")).Should().BeEmpty();
        tracker.Apply(Checks(2, CheckStatus.Fail)).Should().BeEmpty();
        var opened = tracker.Apply(Checks(3, CheckStatus.Fail)).Should().ContainSingle().Subject;
        tracker.Apply(Checks(4, CheckStatus.Pass)).Should().BeEmpty();
        var closed = tracker.Apply(Checks(5, CheckStatus.Pass)).Should().ContainSingle().Subject;

        opened.Should().Be(new MonitoringIncident(1, MonitoringCheck.StationLogo, IncidentState.Open, 1, At(1), null, null, "logo missing in 0 %", "show"));
        closed.Should().Be(opened with { State = IncidentState.Closed, ClosedAtSequence = 5, ClosedAt = At(5) });
        tracker.Open.Should().BeEmpty();
    }

    [Fact]
    public void Skipped_and_error_results_neither_break_a_streak_nor_count_towards_it()
    {
        var tracker = new IncidentTracker(openAfter: 2, closeAfter: 1);

        tracker.Apply(Checks(1, CheckStatus.Fail));
        tracker.Apply(Checks(2, CheckStatus.Skipped)).Should().BeEmpty();
        tracker.Apply(Checks(3, CheckStatus.Error)).Should().BeEmpty();
        tracker.Apply(Checks(4, CheckStatus.Fail)).Should().ContainSingle().Which.OpenedAtSequence.Should().Be(1);
        tracker.Apply(Checks(5, CheckStatus.Fail)).Should().BeEmpty("one incident per check at a time");
        tracker.Apply(Checks(6, CheckStatus.Pass)).Should().ContainSingle().Which.State.Should().Be(IncidentState.Closed);
    }

    [Fact]
    public void A_failing_run_broken_by_a_pass_starts_again_and_a_segment_seen_before_changes_nothing()
    {
        var tracker = new IncidentTracker(openAfter: 2, closeAfter: 2);

        tracker.Apply(Checks(1, CheckStatus.Fail));
        tracker.Apply(Checks(2, CheckStatus.Pass));
        tracker.Apply(Checks(3, CheckStatus.Fail)).Should().BeEmpty();
        tracker.Apply(Checks(3, CheckStatus.Fail)).Should().BeEmpty("a repeated delivery is not a second failing segment");
        tracker.Apply(Checks(2, CheckStatus.Fail)).Should().BeEmpty();
        tracker.Apply(Checks(4, CheckStatus.Fail)).Should().ContainSingle().Which.OpenedAtSequence.Should().Be(3);
        tracker.Apply(Checks(1, CheckStatus.Fail, epoch: 1)).Should().BeEmpty("a new epoch continues the streak: sequences restart there");
        tracker.Apply(Checks(2, CheckStatus.Pass, epoch: 1)).Should().BeEmpty();
        tracker.Apply(Checks(3, CheckStatus.Pass, epoch: 1)).Should().ContainSingle().Which.State.Should().Be(IncidentState.Closed);
    }

    [Fact]
    public void Restored_incidents_keep_their_numbers_and_an_open_one_is_closed_not_opened_again()
    {
        var tracker = new IncidentTracker(openAfter: 1, closeAfter: 1);
        tracker.Restore([
            new MonitoringIncident(4, MonitoringCheck.StationLogo, IncidentState.Open, 10, null, null, null, "gone", null),
            new MonitoringIncident(3, MonitoringCheck.Audio, IncidentState.Closed, 5, null, 7, null, "silent", null),
        ]);

        tracker.Apply(Checks(11, CheckStatus.Fail)).Should().BeEmpty("the logo incident is open already");
        tracker.Apply(Checks(12, CheckStatus.Pass)).Should().ContainSingle().Which.Should().Match<MonitoringIncident>(i => i.Number == 4 && i.State == IncidentState.Closed);
        tracker.Apply(Checks(13, CheckStatus.Fail)).Should().ContainSingle().Which.Number.Should().Be(5);
    }

    private static DateTimeOffset At(long sequence) => Segments.EventStart.AddSeconds(sequence * 6);

    private static SegmentChecks Checks(long sequence, CheckStatus logo, string reason = "logo", int epoch = 0) =>
        new(sequence, epoch, At(sequence), "show", "Show", [new CheckResult(MonitoringCheck.StationLogo, logo, reason, "GTV Sports", null, null, null, [])], At(sequence));
}
