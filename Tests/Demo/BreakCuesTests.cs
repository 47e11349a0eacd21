using Glance.Demo.Channel;
using Glance.Media.Scte35;

namespace Glance.Tests.Demo;

/// <summary>Which splice_insert cues a segment carries for the ad break, from its place on the programme; no ffmpeg.</summary>
public sealed class BreakCuesTests
{
    private const long FirstPts = 126_000;
    private static readonly DemoProgramme Programme = DemoProgramme.Default;
    private static readonly TimeSpan Segment = TimeSpan.FromSeconds(6);

    /// <summary>A minute that starts a cycle: 2026-11-21 12:34:00 UTC is cycle 29,921,074 since the Unix epoch.</summary>
    private static readonly DateTimeOffset Minute = new(2026, 11, 21, 12, 34, 0, TimeSpan.Zero);

    [Fact]
    public void The_segment_where_the_break_starts_carries_an_out_cue_at_its_time_with_the_break_length()
    {
        var cue = BreakCues.Within(Programme, Minute.AddSeconds(27.5), TimeSpan.FromSeconds(27.5), Segment, FirstPts).Should().ContainSingle().Subject;

        (cue.OutOfNetwork, cue.ProgramSplice, cue.SpliceImmediate, cue.EventCancel).Should().Be((true, true, false, false));
        cue.SpliceTime!.PtsTime.Should().Be(FirstPts + 225_000, "the break starts 2.5 s into the segment");
        cue.BreakDuration.Should().Be(new BreakDuration(AutoReturn: true, 900_000), "10 s, and the splicer returns by itself");
        cue.EventId.Should().Be(29_921_074u, "the break is named after its cycle");
    }

    [Fact]
    public void The_segment_where_it_ends_carries_the_return_with_the_same_event_id()
    {
        var cue = BreakCues.Within(Programme, Minute.AddSeconds(36), TimeSpan.FromSeconds(36), Segment, FirstPts).Should().ContainSingle().Subject;

        (cue.OutOfNetwork, cue.DurationFlag, cue.BreakDuration).Should().Be((false, false, (BreakDuration?)null));
        cue.SpliceTime!.PtsTime.Should().Be(FirstPts + 360_000);
        cue.EventId.Should().Be(29_921_074u);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(24)]
    [InlineData(30.001)]
    [InlineData(40.5)]
    [InlineData(54.5)]
    public void Segments_that_hold_neither_edge_carry_nothing(double phase)
    {
        BreakCues.Within(Programme, Minute.AddSeconds(phase), TimeSpan.FromSeconds(phase), Segment, FirstPts).Should().BeEmpty("an edge at a segment's very end belongs to the next one");
    }

    [Fact]
    public void An_edge_at_a_segments_first_frame_is_its_own()
    {
        var cue = BreakCues.Within(Programme, Minute.AddSeconds(30), TimeSpan.FromSeconds(30), Segment, FirstPts).Should().ContainSingle().Subject;

        (cue.OutOfNetwork, cue.SpliceTime!.PtsTime).Should().Be((true, FirstPts));
    }

    [Fact]
    public void A_segment_longer_than_the_cycle_carries_every_edge_in_time_order_and_splice_times_wrap_at_33_bits()
    {
        var programme = DemoProgramme.ScaledTo(TimeSpan.FromSeconds(2));
        var first = (1L << 33) - 90_000;

        var cues = BreakCues.Within(programme, Minute, TimeSpan.Zero, Segment, first);

        cues.Select(c => c.OutOfNetwork).Should().Equal(true, false, true, false, true, false);
        cues.Select(c => c.SpliceTime!.PtsTime!.Value).Should().Equal(0, 29_970, 180_000, 209_970, 360_000, 389_970);
        cues.Select(c => c.EventId).Distinct().Should().HaveCount(3, "each cycle's break has its own id, shared by its out and in");
    }

    [Fact]
    public void The_cues_encode_and_decode_as_they_were_planned()
    {
        var cue = BreakCues.Within(Programme, Minute.AddSeconds(27.5), TimeSpan.FromSeconds(27.5), Segment, FirstPts).Single();

        var section = Scte35Decoder.Decode(SpliceInsertEncoder.Encode(cue));

        section.SplicePts.Should().Be(FirstPts + 225_000);
        ((SpliceInsert)section.Command!).Should().BeEquivalentTo(cue);
    }
}
