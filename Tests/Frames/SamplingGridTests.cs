using Glance.Media.Frames;
using Glance.Media.Timing;

namespace Glance.Tests.Frames;

public sealed class SamplingGridTests
{
    [Fact]
    public void Samples_the_first_frame_at_or_after_each_instant_of_the_event_grid()
    {
        var grid = new SamplingGrid(1);
        long[] frames = [0, 3003, 87_087, 90_090, 93_093, 177_177, 180_180];

        grid.Select(frames, previousFrameStreamTicks: null, nominalFrameTicks: 3003).Should().Equal(0, 3, 6);
    }

    [Fact]
    public void A_segment_continues_the_previous_segments_sampling()
    {
        var grid = new SamplingGrid(1);

        grid.IsFirstFrameSampled(540_540, previousFrameStreamTicks: 537_537, nominalFrameTicks: 3003).Should().BeTrue("the 6 s instant fell between the two segments");
        grid.IsFirstFrameSampled(543_543, previousFrameStreamTicks: 540_540, nominalFrameTicks: 3003).Should().BeFalse();
    }

    [Fact]
    public void Without_a_previous_frame_one_nominal_frame_duration_stands_in()
    {
        var grid = new SamplingGrid(1);

        grid.IsFirstFrameSampled(90_000 + 1000, null, 3000).Should().BeTrue();
        grid.IsFirstFrameSampled(90_000 + 4000, null, 3000).Should().BeFalse();
        grid.IsFirstFrameSampled(90_000 + 4000, null, null).Should().BeTrue("with nothing known the first frame is taken");
    }

    [Theory]
    [InlineData(1, 90_000)]
    [InlineData(0.5, 180_000)]
    [InlineData(2, 45_000)]
    [InlineData(7, 12_857)]
    public void The_interval_is_a_whole_number_of_ticks(double fps, long ticks)
    {
        new SamplingGrid(fps).IntervalTicks.Should().Be(ticks);
    }

    [Fact]
    public void Negative_stream_times_fall_into_the_cells_before_zero()
    {
        var grid = new SamplingGrid(1);

        grid.Cell(-1).Should().Be(-1);
        grid.IsSampled(0, -1).Should().BeTrue();
    }

    [Fact]
    public void Nonsense_rates_are_refused()
    {
        var act = () => new SamplingGrid(0);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void The_select_expression_carries_the_clock_rule()
    {
        var state = StreamClock.Advance(StreamClock.Start(), new SegmentTiming(0, 6), StreamClock.Plan(StreamClock.Start(), new SegmentTiming(0, 6)).Resolve(1000), null);
        var clock = StreamClock.Plan(state, new SegmentTiming(1, 6));

        var expression = FrameSelectExpression.ForRate(clock, new SamplingGrid(1));

        expression.Should().Contain("start_pts-1000").And.Contain("between(").And.Contain("/90000").And.NotContain("'").And.NotContain(":");
        FrameSelectExpression.ForKeyframes(3, 7).Should().Contain("mod(n+1,3)");
    }
}
