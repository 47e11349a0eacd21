using Glance.Media.Analysis;
using Glance.Media.Timing;
using Glance.Tests.Frames;

namespace Glance.Tests.Timing;

/// <summary>Stream time across real HLS segments made by ffmpeg: a PTS wrap, a discontinuity, a restart.</summary>
public sealed class SegmentTimelineTests : IDisposable
{
    private static readonly string[] Source = ["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30", "-f", "lavfi", "-i", "sine=sample_rate=48000"];
    private static readonly DateTimeOffset Noon = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private readonly TestMedia media = new();
    private readonly SegmentAnalyzer analyzer = TestMedia.Analyzer();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Frames_keep_exact_stream_times_through_a_pts_wrap(bool keyframeFastPath)
    {
        // Timestamps reach 2^33 about 8.3 s in: inside the second segment.
        var segments = await media.HlsAsync("wrap", Source, seconds: 18, gop: 30, segmentSeconds: 6, extra: ["-output_ts_offset", "95434"]);

        var results = await TestMedia.AnalyzeAllAsync(analyzer, segments, r => SegmentSamplingTests.FramesOnly(r) with { Sampling = new() { KeyframeFastPath = keyframeFastPath } });

        SegmentSamplingTests.StreamTimes(results).Should().Equal(Enumerable.Range(0, 18).Select(s => (double)s));
        var pts = results.SelectMany(r => r.Frames).Select(f => f.Pts).ToList();
        pts.Zip(pts.Skip(1), (a, b) => b - a).Should().AllSatisfy(step => step.Should().Be(Pts.TicksPerSecond));
        pts[^1].Should().BeGreaterThan(Pts.WrapTicks, "timestamps are reported unwrapped");
        results.Skip(1).Should().AllSatisfy(r => r.Timeline.Break.Should().Be(TimelineBreak.None));
        results.Select(r => r.Timeline.Epoch).Should().AllBeEquivalentTo(0);
        results.Should().AllSatisfy(r => r.FrameSource.Should().Be(keyframeFastPath ? FrameSource.Keyframes : FrameSource.FullDecode));
    }

    [Fact]
    public async Task A_discontinuity_re_anchors_on_accumulated_extinf()
    {
        var segments = await TwoProgramsAsync();

        var results = await TestMedia.AnalyzeAllAsync(analyzer, segments, SegmentSamplingTests.FramesOnly, timing: (i, t) => t with { Discontinuity = i == 2 });

        SegmentSamplingTests.StreamTimes(results).Should().Equal(Enumerable.Range(0, 24).Select(s => (double)s));
        results.Select(r => r.Timeline.Break).Should().Equal(TimelineBreak.Start, TimelineBreak.None, TimelineBreak.Discontinuity, TimelineBreak.None);
        results.Select(r => r.Timeline.Epoch).Should().Equal(0, 0, 1, 1);
    }

    [Fact]
    public async Task A_discontinuity_re_anchors_on_program_date_time_when_the_playlist_has_it()
    {
        var segments = await TwoProgramsAsync();

        // 30 s of wall-clock time (an ad break cut from the stream) pass between the two programmes.
        var results = await TestMedia.AnalyzeAllAsync(
            analyzer,
            segments,
            SegmentSamplingTests.FramesOnly,
            timing: (i, t) => t with { Discontinuity = i == 2, ProgramDateTime = Noon.AddSeconds((i * 6) + (i >= 2 ? 30 : 0)) });

        SegmentSamplingTests.StreamTimes(results).Should().Equal(Enumerable.Range(0, 12).Concat(Enumerable.Range(42, 12)).Select(s => (double)s));
        results.SelectMany(r => r.Frames).Should().AllSatisfy(f => f.WallClock.Should().Be(Noon + TimeSpan.FromSeconds(f.StreamTime)));
    }

    [Fact]
    public async Task An_untagged_jump_and_a_restart_start_new_epochs()
    {
        var segments = await TwoProgramsAsync();

        var jumped = await TestMedia.AnalyzeAllAsync(analyzer, segments, SegmentSamplingTests.FramesOnly);
        var restarted = await TestMedia.AnalyzeAllAsync(analyzer, segments, SegmentSamplingTests.FramesOnly, timing: (i, t) => t with { MediaSequence = i < 2 ? 100 + i : i - 2 });

        jumped.Select(r => r.Timeline.Break).Should().Equal(TimelineBreak.Start, TimelineBreak.None, TimelineBreak.PtsJump, TimelineBreak.None);
        restarted.Select(r => r.Timeline.Break).Should().Equal(TimelineBreak.Start, TimelineBreak.None, TimelineBreak.Restart, TimelineBreak.None);
        foreach (var results in new[] { jumped, restarted })
        {
            SegmentSamplingTests.StreamTimes(results).Should().Equal(Enumerable.Range(0, 24).Select(s => (double)s));
            results.Select(r => r.Timeline.Epoch).Should().Equal(0, 0, 1, 1);
        }
    }

    /// <summary>Two 12 s programmes whose timestamps have nothing in common, as after an encoder switch.</summary>
    private async Task<List<TestSegment>> TwoProgramsAsync()
    {
        var first = await media.HlsAsync("first", Source, seconds: 12, gop: 30, segmentSeconds: 6);
        var second = await media.HlsAsync("second", Source, seconds: 12, gop: 30, segmentSeconds: 6, extra: ["-output_ts_offset", "5000"]);
        return [.. first, .. second];
    }

    public void Dispose() => media.Dispose();
}
