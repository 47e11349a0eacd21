using Glance.Grains.Ingest;
using Glance.Grains.Interfaces.Events;
using Glance.Grains.Interfaces.Ingest;

namespace Glance.Tests.Ingest;

/// <summary>What a stream grain hands again when the timeline reports a missing predecessor.</summary>
public sealed class PredecessorRepairTests
{
    private static readonly SegmentPosition Recorded4 = new(0, 4);

    [Fact]
    public void A_predecessor_still_in_flight_is_handed_again_with_everything_after_it()
    {
        var inFlight = Chain(5, 6, 7);

        var plan = PredecessorRepair.Plan(inFlight, Recorded(4), new SegmentPosition(0, 5), Recorded4);

        plan.Should().Be((0, (SegmentHandoff?)null));
    }

    [Fact]
    public void A_predecessor_recorded_since_the_report_leaves_the_waiting_segment_to_be_handed_again_as_it_is()
    {
        var inFlight = Chain(6, 7);

        var plan = PredecessorRepair.Plan(inFlight, Recorded(5), new SegmentPosition(0, 5), Recorded4);

        plan.Should().Be((0, (SegmentHandoff?)null), "the timeline has 5 now, so 6 follows it when handed again");
    }

    [Fact]
    public void A_predecessor_gone_for_good_relinks_the_waiting_segment_to_the_timelines_newest_record()
    {
        var inFlight = Chain(6, 7); // 5 left the in-flight set without being recorded

        var plan = PredecessorRepair.Plan(inFlight, Recorded(4), new SegmentPosition(0, 5), Recorded4);

        plan.Should().NotBeNull();
        plan!.Value.From.Should().Be(0);
        plan.Value.Relinked.Should().Be(inFlight[0] with { Previous = Recorded4 }, "the stream goes on past the gap");
    }

    [Fact]
    public void A_report_no_segment_in_flight_waits_on_changes_nothing()
    {
        PredecessorRepair.Plan(Chain(8, 9), Recorded(7), new SegmentPosition(0, 5), Recorded4).Should().BeNull();
    }

    private static readonly StreamIngestConfig Config = new(new Uri("http://origin.test/live.m3u8"), new VariantPreference(), new SamplingPolicy(), DateTimeOffset.UnixEpoch, null);

    private static AnalysisResumePoint Recorded(long sequence) => new(0, sequence, null);

    /// <summary>Segments handed one after another, each naming the one before it.</summary>
    private static List<SegmentHandoff> Chain(params long[] sequences) => sequences
        .Select(s => new SegmentHandoff("acme", "e", 0, s, 0, false, new Uri($"http://origin.test/{s}.ts"), null, null, 6, null, null,
            Config, DateTimeOffset.UnixEpoch, new SegmentPosition(0, s - 1)))
        .ToList();
}
