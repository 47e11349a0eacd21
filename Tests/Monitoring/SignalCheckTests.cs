using Glance.Grains.Interfaces.Monitoring;
using Glance.Grains.Interfaces.Timeline;
using Glance.Grains.Monitoring.Checks;
using static Glance.Tests.Monitoring.Segments;

namespace Glance.Tests.Monitoring;

/// <summary>The signal, transport, cue and caption checks at their limits' boundaries.</summary>
public sealed class SignalCheckTests
{
    [Theory]
    [InlineData(2.0, CheckStatus.Pass)] // the default limit itself is tolerated
    [InlineData(2.1, CheckStatus.Fail)]
    public void Silence_fails_beyond_its_limit(double silentSeconds, CheckStatus expected)
    {
        var segment = Segment(0, 6, signals: QuietSignals(new TimeRange(1, 1 + silentSeconds)));

        var result = new AudioCheck().Evaluate(Context(segment, null));

        result.Status.Should().Be(expected);
        result.Detected.Should().Contain("longest silence");
    }

    [Fact]
    public void No_audio_fails_and_no_signal_analysis_is_an_error()
    {
        new AudioCheck().Evaluate(Context(Segment(0, 6, signals: QuietSignals() with { AudioPresent = false }), null)).Status.Should().Be(CheckStatus.Fail);
        new AudioCheck().Evaluate(Context(Segment(0, 6) with { Signals = null }, null)).Status.Should().Be(CheckStatus.Error);
    }

    [Theory]
    [InlineData(-23.0, -3.0, CheckStatus.Pass)]
    [InlineData(-21.0, -3.0, CheckStatus.Pass)] // +2 LU: the default tolerance
    [InlineData(-20.9, -3.0, CheckStatus.Fail)]
    [InlineData(-25.1, -3.0, CheckStatus.Fail)]
    [InlineData(-23.0, -0.5, CheckStatus.Fail)] // true peak above -1 dBTP
    [InlineData(-70.0, null, CheckStatus.Skipped)] // gated away: silence is the audio check's
    public void Loudness_is_held_to_EBU_R128(double integrated, double? truePeak, CheckStatus expected)
    {
        var segment = Segment(0, 6, signals: QuietSignals() with { IntegratedLoudness = integrated, TruePeak = truePeak });

        new LoudnessCheck().Evaluate(Context(segment, null)).Status.Should().Be(expected);
    }

    [Theory]
    [InlineData(2.0, CheckStatus.Pass)]
    [InlineData(2.5, CheckStatus.Fail)]
    public void Black_and_frozen_pictures_fail_beyond_their_limits(double seconds, CheckStatus expected)
    {
        var black = Segment(0, 6, signals: QuietSignals() with { Black = [new TimeRange(0, 0.5), new TimeRange(3, 3 + seconds)] });
        var frozen = Segment(0, 6, signals: QuietSignals() with { Freeze = [new TimeRange(3, 3 + seconds)] });

        PictureCheck.Black.Evaluate(Context(black, null)).Status.Should().Be(expected);
        PictureCheck.Freeze.Evaluate(Context(frozen, null)).Status.Should().Be(expected);
        PictureCheck.Freeze.Evaluate(Context(black, null)).Status.Should().Be(CheckStatus.Pass, "black is not frozen");
    }

    [Fact]
    public void Transport_fails_on_priority_1_errors_only_and_skips_what_is_not_a_transport_stream()
    {
        static SegmentAnalysisResult With(params (string Name, long Count)[] errors) =>
            Segment(0, 6) with { Transport = new SegmentTransport(1000, errors.ToDictionary(e => e.Name, e => e.Count)) };

        new TransportHealthCheck().Evaluate(Context(With(), null)).Status.Should().Be(CheckStatus.Pass);
        new TransportHealthCheck().Evaluate(Context(With(("pcrRepetition", 3)), null)).Status.Should().Be(CheckStatus.Pass, "priority 2 is not judged");
        var failing = new TransportHealthCheck().Evaluate(Context(With(("continuity", 2), ("crc", 1)), null));
        failing.Status.Should().Be(CheckStatus.Fail);
        failing.Detected.Should().Be("continuity 2");
        new TransportHealthCheck().Evaluate(Context(Segment(0, 6), null)).Status.Should().Be(CheckStatus.Skipped);
    }

    [Fact]
    public void PAT_and_PMT_are_judged_per_segment_for_HLS_and_at_TR_101_290_intervals_when_the_event_asks()
    {
        static SegmentAnalysisResult With(bool? carriesPsi, params (string Name, long Count)[] errors) =>
            Segment(0, 6) with { Transport = new SegmentTransport(1000, errors.ToDictionary(e => e.Name, e => e.Count), carriesPsi) };
        var continuous = Defaults with { ContinuousPsi = true };
        var check = new TransportHealthCheck();

        check.Evaluate(Context(With(true, ("pat", 5), ("pmt", 5)), null)).Status.Should().Be(CheckStatus.Pass, "ffmpeg's HLS writes PAT/PMT once per segment, which is all a player needs");
        var missing = check.Evaluate(Context(With(false, ("pat", 5), ("pmt", 5)), null));
        missing.Status.Should().Be(CheckStatus.Fail);
        missing.Detected.Should().Be("no PAT and PMT in the segment");
        check.Evaluate(Context(With(true, ("pat", 1), ("continuity", 1)), null)).Detected.Should().Be("continuity 1", "the other priority 1 checks still count");

        var broadcast = check.Evaluate(Context(With(true, ("pat", 5), ("pmt", 5)), null, continuous));
        broadcast.Status.Should().Be(CheckStatus.Fail);
        broadcast.Detected.Should().Be("pat 5, pmt 5");
        check.Evaluate(Context(With(null, ("pat", 2)), null)).Status.Should().Be(CheckStatus.Fail, "a result recorded before PSI presence was measured keeps the interval rule");
    }

    [Fact]
    public void A_scheduled_break_boundary_inside_the_segment_expects_a_cue()
    {
        var program = Match() with { Breaks = [new ScheduledBreak(EventStart.AddSeconds(33), EventStart.AddSeconds(43))] };
        var startSegment = Segment(30, 6);
        var endSegment = Segment(42, 6);

        new BreakCueCheck().Evaluate(Context(startSegment, program)).Status.Should().Be(CheckStatus.Fail);
        new BreakCueCheck().Evaluate(Context(startSegment with { Cues = [new SegmentCue("splice_insert", 33, null)] }, program)).Status.Should().Be(CheckStatus.Pass);
        new BreakCueCheck().Evaluate(Context(startSegment with { Cues = [new SegmentCue("invalid", null, "bad CRC")] }, program)).Status.Should().Be(CheckStatus.Fail, "a cue that does not decode signals nothing");
        new BreakCueCheck().Evaluate(Context(endSegment, program)).Status.Should().Be(CheckStatus.Fail);
        new BreakCueCheck().Evaluate(Context(Segment(36, 6), program)).Status.Should().Be(CheckStatus.Skipped, "no boundary falls in 36..42 s");
        new BreakCueCheck().Evaluate(Context(Segment(36, 6), Match())).Status.Should().Be(CheckStatus.Skipped);
    }

    [Fact]
    public void Captions_are_checked_only_where_the_program_expects_them()
    {
        var captioned = Match() with { Captions = true };

        new CaptionsCheck().Evaluate(Context(Segment(0, 6), captioned)).Status.Should().Be(CheckStatus.Fail);
        new CaptionsCheck().Evaluate(Context(Segment(0, 6, signals: QuietSignals() with { Captions = true }), captioned)).Status.Should().Be(CheckStatus.Pass);
        new CaptionsCheck().Evaluate(Context(Segment(0, 6), Match())).Status.Should().Be(CheckStatus.Skipped);
    }
}
