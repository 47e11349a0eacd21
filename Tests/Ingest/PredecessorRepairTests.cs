using Glance.Grains.Ingest;
using Glance.Grains.Interfaces.Events;
using Glance.Grains.Interfaces.Ingest;

namespace Glance.Tests.Ingest;

/// <summary>What a stream grain hands again when the timeline reports a missing predecessor.</summary>
public sealed class PredecessorRepairTests
{
    private static readonly SegmentPosition Recorded4 = new(0, 4);

    [Fact]
    public void The_segment_after_the_timelines_newest_record_is_handed_again_with_everything_after_it()
    {
        var inFlight = Chain(5, 6, 7);

        PredecessorRepair.Plan(inFlight, Recorded4).Should().Be((0, (SegmentHandoff?)null), "5 follows 4, and 6 and 7 were set aside behind it");
    }

    [Fact]
    public void A_successor_recorded_since_leaves_what_follows_it_to_be_handed_again_as_it_is()
    {
        var inFlight = Chain(6, 7);

        PredecessorRepair.Plan(inFlight, new SegmentPosition(0, 5)).Should().Be((0, (SegmentHandoff?)null), "the timeline has 5 now, so 6 follows it when handed again");
    }

    [Fact]
    public void A_successor_gone_for_good_relinks_the_oldest_segment_in_flight_after_the_newest_record()
    {
        var inFlight = Chain(3, 6, 7); // 5 left the in-flight set without being recorded; 3 is covered by the record

        var plan = PredecessorRepair.Plan(inFlight, Recorded4);

        plan.Should().NotBeNull();
        plan!.Value.From.Should().Be(1);
        plan.Value.Relinked.Should().Be(inFlight[1] with { Previous = Recorded4 }, "the stream goes on past the gap");
    }

    [Fact]
    public void A_timeline_with_no_record_waits_for_the_first_segment_in_flight()
    {
        var inFlight = Chain(6, 7);

        PredecessorRepair.Plan(inFlight, null).Should().Be((0, (SegmentHandoff?)(inFlight[0] with { Previous = null })));
    }

    [Fact]
    public void Nothing_in_flight_after_the_newest_record_changes_nothing()
    {
        PredecessorRepair.Plan(Chain(3, 4), Recorded4).Should().BeNull();
    }

    private static readonly StreamIngestConfig Config = new(new Uri("http://origin.test/live.m3u8"), new VariantPreference(), new SamplingPolicy(), DateTimeOffset.UnixEpoch, null);

    /// <summary>Segments handed one after another, each naming the one before it.</summary>
    private static List<SegmentHandoff> Chain(params long[] sequences) => sequences
        .Select(s => new SegmentHandoff("acme", "e", 0, s, 0, false, new Uri($"http://origin.test/{s}.ts"), null, null, 6, null, null,
            Config, DateTimeOffset.UnixEpoch, new SegmentPosition(0, s - 1)))
        .ToList();
}
