using System.Text.Json;
using Glance.Media.Timing;

namespace Glance.Tests.Timing;

public sealed class StreamClockTests
{
    private const long Second = Pts.TicksPerSecond;
    private static readonly DateTimeOffset Noon = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(100, 200, 100)]
    [InlineData(Pts.WrapTicks - 1000, 500, 1500)]
    [InlineData(500, Pts.WrapTicks - 1000, -1500)]
    [InlineData(-73592, 100408, 174000)] // ffmpeg reports pre-wrap timestamps as negative numbers
    [InlineData(Pts.WrapTicks + 10, 20, 10)]
    public void Wrap_distance_is_the_short_way_round_modulo_2_pow_33(long from, long to, long expected)
    {
        Pts.WrapDistance(from, to).Should().Be(expected);
    }

    [Fact]
    public void The_first_segment_starts_the_event_at_its_first_frame()
    {
        var clock = StreamClock.Plan(StreamClock.Start(), new SegmentTiming(5, 6));

        var timeline = clock.Resolve(123_456);

        timeline.FirstStreamTicks.Should().Be(0);
        timeline.Break.Should().Be(TimelineBreak.Start);
        timeline.ToStreamSeconds(123_456 + (3 * Second)).Should().Be(3);
    }

    [Fact]
    public void An_event_start_pts_places_the_first_segment_on_the_event_timeline()
    {
        var clock = StreamClock.Plan(StreamClock.Start(eventStartPts: 1_000_000), new SegmentTiming(0, 10));

        clock.Resolve(1_000_000 + (40 * Second)).FirstStreamTicks.Should().Be(40 * Second);
    }

    [Fact]
    public void An_event_start_before_a_wrap_still_measures_forward()
    {
        var clock = StreamClock.Plan(StreamClock.Start(eventStartPts: Pts.WrapTicks - (10 * Second)), new SegmentTiming(0, 6));

        clock.Resolve(30 * Second).FirstStreamTicks.Should().Be(40 * Second);
    }

    [Fact]
    public void Consecutive_segments_follow_the_timestamps_not_the_rounded_extinf()
    {
        var state = StreamClock.Start();
        var first = StreamClock.Plan(state, new SegmentTiming(0, 6)).Resolve(900_000);
        state = StreamClock.Advance(state, new SegmentTiming(0, 6), first, 900_000 + 537_537);

        var second = StreamClock.Plan(state, new SegmentTiming(1, 6)).Resolve(900_000 + 540_540); // 6.006 s later

        second.FirstStreamTicks.Should().Be(540_540);
        second.Break.Should().Be(TimelineBreak.None);
        second.Epoch.Should().Be(0);
    }

    [Fact]
    public void A_wrap_between_segments_continues_the_timeline_and_the_unwrapped_pts()
    {
        var state = StreamClock.Start();
        var before = StreamClock.Plan(state, new SegmentTiming(0, 6)).Resolve(Pts.WrapTicks - (4 * Second));
        state = StreamClock.Advance(state, new SegmentTiming(0, 6), before, null);

        var after = StreamClock.Plan(state, new SegmentTiming(1, 6)).Resolve(2 * Second);

        after.FirstStreamTicks.Should().Be(6 * Second);
        after.FirstUnwrappedPts.Should().Be(Pts.WrapTicks + (2 * Second));
        after.Break.Should().Be(TimelineBreak.None);
    }

    [Fact]
    public void A_discontinuity_re_anchors_on_program_date_time()
    {
        var state = StreamClock.Start();
        var first = StreamClock.Plan(state, new SegmentTiming(0, 6) { ProgramDateTime = Noon }).Resolve(900_000);
        state = StreamClock.Advance(state, new SegmentTiming(0, 6) { ProgramDateTime = Noon }, first, null);
        var timing = new SegmentTiming(1, 6) { ProgramDateTime = Noon.AddSeconds(45), Discontinuity = true };

        var timeline = StreamClock.Plan(state, timing).Resolve(77_777);

        timeline.FirstStreamTicks.Should().Be(45 * Second);
        timeline.Break.Should().Be(TimelineBreak.Discontinuity);
        timeline.Epoch.Should().Be(1);
        timeline.ToWallClock(timeline.ToStreamTicks(77_777 + Second)).Should().Be(Noon.AddSeconds(46));
    }

    [Fact]
    public void A_discontinuity_without_dates_re_anchors_on_accumulated_extinf()
    {
        var state = Run(StreamClock.Start(), (0, 6, 900_000), (1, 6.5, 900_000 + (6 * Second)));

        var timeline = StreamClock.Plan(state, new SegmentTiming(2, 6) { Discontinuity = true }).Resolve(5);

        timeline.FirstStreamTicks.Should().Be((long)(12.5 * Second));
        timeline.Break.Should().Be(TimelineBreak.Discontinuity);
    }

    [Fact]
    public void An_unannounced_timestamp_jump_is_treated_as_a_discontinuity()
    {
        var state = Run(StreamClock.Start(), (0, 6, 900_000));

        var timeline = StreamClock.Plan(state, new SegmentTiming(1, 6)).Resolve(900_000 + (3600 * Second));

        timeline.Break.Should().Be(TimelineBreak.PtsJump);
        timeline.FirstStreamTicks.Should().Be(6 * Second);
        timeline.Epoch.Should().Be(1);
    }

    [Fact]
    public void A_media_sequence_that_goes_backwards_is_a_restart_with_a_new_epoch()
    {
        var state = Run(StreamClock.Start(), (100, 6, 900_000), (101, 6, 900_000 + (6 * Second)));

        var timeline = StreamClock.Plan(state, new SegmentTiming(0, 6)).Resolve(900_000 + (12 * Second));

        timeline.Break.Should().Be(TimelineBreak.Restart);
        timeline.Epoch.Should().Be(1);
        timeline.FirstStreamTicks.Should().Be(12 * Second);
    }

    [Fact]
    public void A_restart_the_caller_announces_starts_a_new_epoch_even_with_rising_sequence_numbers()
    {
        var state = Run(StreamClock.Start(), (100, 6, 900_000));

        var timeline = StreamClock.Plan(state, new SegmentTiming(101, 6) { Restart = true }).Resolve(900_000 + (6 * Second));

        timeline.Break.Should().Be(TimelineBreak.Restart);
        timeline.Epoch.Should().Be(1);
        timeline.FirstStreamTicks.Should().Be(6 * Second);
    }

    [Fact]
    public void A_skipped_segment_keeps_the_timestamp_timeline()
    {
        var state = Run(StreamClock.Start(), (0, 6, 900_000));

        var timeline = StreamClock.Plan(state, new SegmentTiming(3, 6)).Resolve(900_000 + (18 * Second));

        timeline.Break.Should().Be(TimelineBreak.None);
        timeline.FirstStreamTicks.Should().Be(18 * Second);
    }

    [Fact]
    public void Wall_clock_is_learned_from_the_first_program_date_time_and_extrapolated()
    {
        var state = StreamClock.Start();
        var first = StreamClock.Plan(state, new SegmentTiming(0, 6) { ProgramDateTime = Noon }).Resolve(900_000);
        state = StreamClock.Advance(state, new SegmentTiming(0, 6) { ProgramDateTime = Noon }, first, null);

        var undated = StreamClock.Plan(state, new SegmentTiming(1, 6)).Resolve(900_000 + (6 * Second));

        state.WallClockAtZero.Should().Be(Noon);
        undated.ToWallClock(undated.ToStreamTicks(900_000 + (7 * Second))).Should().Be(Noon.AddSeconds(7));
    }

    [Fact]
    public void The_state_survives_a_json_round_trip()
    {
        var state = Run(StreamClock.Start(eventStartPts: 5, eventStartWallClock: Noon), (0, 6, 900_000), (1, 6, 900_000 + (6 * Second)));

        var copy = JsonSerializer.Deserialize<StreamClockState>(JsonSerializer.Serialize(state));

        copy.Should().Be(state);
    }

    [Fact]
    public void The_analysis_state_survives_a_json_round_trip()
    {
        var state = new Glance.Media.Analysis.StreamAnalysisState(Run(StreamClock.Start(), (0, 6, 900_000)), KeyframesSeen: 12, KeyframePathHolds: true);

        var copy = JsonSerializer.Deserialize<Glance.Media.Analysis.StreamAnalysisState>(JsonSerializer.Serialize(state));

        copy.Should().Be(state);
    }

    private static StreamClockState Run(StreamClockState state, params (long Sequence, double Duration, long FirstPts)[] segments)
    {
        foreach (var (sequence, duration, firstPts) in segments)
        {
            var timing = new SegmentTiming(sequence, duration);
            var timeline = StreamClock.Plan(state, timing).Resolve(firstPts);
            state = StreamClock.Advance(state, timing, timeline, null);
        }

        return state;
    }
}
