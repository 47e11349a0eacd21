using Glance.Media.Analysis;
using Glance.Media.Frames;
using Glance.Media.Signals;
using Glance.Media.Timing;

namespace Glance.Tests.Frames;

public sealed class SegmentSamplingTests : IDisposable
{
    private static readonly string[] Testsrc30 = ["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"];
    private readonly TestMedia media = new();
    private readonly SegmentAnalyzer analyzer = TestMedia.Analyzer();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task One_frame_per_second_lands_on_whole_event_seconds_in_every_segment(bool keyframeFastPath)
    {
        var segments = await media.HlsAsync("gop30", Testsrc30, seconds: 20, gop: 30, segmentSeconds: 6);

        var results = await TestMedia.AnalyzeAllAsync(analyzer, segments, r => FramesOnly(r) with { Sampling = new SamplingOptions { KeyframeFastPath = keyframeFastPath } });

        segments.Select(s => s.Duration).Should().Equal(6, 6, 6, 2);
        results.Select(r => r.Frames.Count).Should().Equal(6, 6, 6, 2);
        StreamTimes(results).Should().Equal(Enumerable.Range(0, 20).Select(s => (double)s));
        results.Should().AllSatisfy(r => r.FrameSource.Should().Be(keyframeFastPath ? FrameSource.Keyframes : FrameSource.FullDecode));
        var pts = results.SelectMany(r => r.Frames).Select(f => f.Pts).ToList();
        pts.Zip(pts.Skip(1), (a, b) => b - a).Should().AllSatisfy(step => step.Should().Be(90_000));
        results.SelectMany(r => r.Frames).Should().AllSatisfy(f =>
        {
            f.Image.Width.Should().Be(320);
            f.Image.Height.Should().Be(180);
        });
        results.Select(r => r.Frames.Select(f => f.Index)).Should().AllSatisfy(indexes => indexes.Should().BeInAscendingOrder().And.StartWith(0));
    }

    [Fact]
    public async Task Keyframe_and_full_decode_give_the_same_pixels()
    {
        var segments = await media.HlsAsync("pixels", Testsrc30, seconds: 4, gop: 30, segmentSeconds: 4);
        var request = FramesOnly(new SegmentAnalysisRequest(segments[0].ToMedia(), new SegmentTiming(0, segments[0].Duration), StreamAnalysisState.Start()));

        var fast = await analyzer.AnalyzeAsync(request, null, CancellationToken.None);
        var full = await analyzer.AnalyzeAsync(request with { Sampling = new SamplingOptions { KeyframeFastPath = false } }, null, CancellationToken.None);

        fast.FrameSource.Should().Be(FrameSource.Keyframes);
        full.FrameSource.Should().Be(FrameSource.FullDecode);
        fast.Frames.Select(f => f.Pts).Should().Equal(full.Frames.Select(f => f.Pts));
        fast.Frames.Zip(full.Frames).Should().AllSatisfy(pair => pair.First.Image.Pixels.ToArray().Should().Equal(pair.Second.Image.Pixels.ToArray()));
    }

    [Fact]
    public async Task A_gop_longer_than_the_sampling_interval_falls_back_to_the_full_decode()
    {
        var segments = await media.HlsAsync("gop60", Testsrc30, seconds: 12, gop: 60, segmentSeconds: 6);

        var results = await TestMedia.AnalyzeAllAsync(analyzer, segments, FramesOnly);

        var withSignals = await TestMedia.AnalyzeAllAsync(analyzer, segments);

        results.Should().AllSatisfy(r => r.FrameSource.Should().Be(FrameSource.FullDecode));
        StreamTimes(results).Should().Equal(Enumerable.Range(0, 12).Select(s => (double)s));
        results[^1].NextState.KeyframePathHolds.Should().BeFalse();
        StreamTimes(withSignals).Should().Equal(StreamTimes(results));
        withSignals.Should().AllSatisfy(r => r.FrameSource.Should().Be(FrameSource.FullDecode));
    }

    [Fact]
    public async Task At_29_97_fps_samples_stay_on_the_event_grid_across_6_006_s_segments()
    {
        string[] ntsc = ["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30000/1001", "-f", "lavfi", "-i", "sine=sample_rate=48000"];
        var segments = await media.HlsAsync("ntsc", ntsc, seconds: 18.1, gop: 30, segmentSeconds: 6);

        var results = await TestMedia.AnalyzeAllAsync(analyzer, segments, FramesOnly);

        // Frame i is shown at i * 1001/30000 s; the sample for second k is the first frame at or after k s.
        var expected = Enumerable.Range(0, 19)
            .Select(k => (long)Math.Ceiling(k * 90_000 / 3003.0) * 3003)
            .Where(ticks => ticks < segments.Sum(s => Pts.FromSeconds(s.Duration)))
            .Select(ticks => Math.Round(ticks / 90_000.0, 6));
        StreamTimes(results).Should().Equal(expected);
        results.Sum(r => r.Frames.Count).Should().Be(segments.Sum(s => s.Duration) > 18.01 ? 19 : 18);
    }

    [Fact]
    public async Task A_segment_starting_40_s_into_the_event_yields_frames_at_40_to_49_s()
    {
        var segments = await media.HlsAsync("forty", Testsrc30, seconds: 10, gop: 30, segmentSeconds: 10);
        var probe = await analyzer.AnalyzeAsync(FramesOnly(new SegmentAnalysisRequest(segments[0].ToMedia(), new SegmentTiming(7, 10), StreamAnalysisState.Start())), null, CancellationToken.None);
        var eventStartPts = Pts.Modulo(probe.Timeline.FirstPts - (40 * Pts.TicksPerSecond));

        var analysis = await analyzer.AnalyzeAsync(
            FramesOnly(new SegmentAnalysisRequest(segments[0].ToMedia(), new SegmentTiming(7, 10), StreamAnalysisState.Start(eventStartPts))), null, CancellationToken.None);

        analysis.Frames.Select(f => f.StreamTime).Should().Equal(Enumerable.Range(40, 10).Select(s => (double)s));
        analysis.Timeline.Break.Should().Be(TimelineBreak.Start);
    }

    [Fact]
    public async Task Every_nth_keyframe_counts_across_segments()
    {
        var segments = await media.HlsAsync("nth", Testsrc30, seconds: 10, gop: 15, segmentSeconds: 5);

        var results = await TestMedia.AnalyzeAllAsync(analyzer, segments, r => FramesOnly(r) with { Sampling = new SamplingOptions { Mode = SamplingMode.Keyframes, KeyframeStep = 3 } });

        // Keyframes every 0.5 s; every third one is every 1.5 s of the event, whatever the segment boundaries.
        StreamTimes(results).Should().Equal(0, 1.5, 3, 4.5, 6, 7.5, 9);
        results.Should().AllSatisfy(r => r.FrameSource.Should().Be(FrameSource.Keyframes));
        results[^1].NextState.KeyframesSeen.Should().Be(20);
    }

    [Fact]
    public async Task Fragmented_mp4_with_its_init_segment_is_sampled_like_ts()
    {
        var segments = await media.HlsAsync("fmp4", Testsrc30, seconds: 8, gop: 30, segmentSeconds: 4, fmp4: true);

        var results = await TestMedia.AnalyzeAllAsync(analyzer, segments, FramesOnly);

        segments.Should().AllSatisfy(s => s.Init.Should().NotBeNull());
        StreamTimes(results).Should().Equal(Enumerable.Range(0, 8).Select(s => (double)s));
    }

    [Fact]
    public async Task The_frame_limit_bounds_what_one_segment_may_yield()
    {
        var segments = await media.HlsAsync("limit", Testsrc30, seconds: 4, gop: 30, segmentSeconds: 4);
        var request = FramesOnly(new SegmentAnalysisRequest(segments[0].ToMedia(), new SegmentTiming(0, 4), StreamAnalysisState.Start())) with
        {
            Sampling = new SamplingOptions { FramesPerSecond = 30, KeyframeFastPath = false },
        };

        var act = () => TestMedia.Analyzer(maxFrames: 50).AnalyzeAsync(request, null, CancellationToken.None);

        (await act.Should().ThrowAsync<SegmentFormatException>()).Which.Message.Should().Contain("more than 50");
    }

    [Fact]
    public async Task Frames_are_handed_over_before_the_signal_checks_finish()
    {
        var segments = await media.HlsAsync("early", Testsrc30, seconds: 6, gop: 30, segmentSeconds: 6);
        var request = new SegmentAnalysisRequest(segments[0].ToMedia(), new SegmentTiming(0, 6), StreamAnalysisState.Start());
        IReadOnlyList<SampledFrame>? early = null;

        var analysis = await analyzer.AnalyzeAsync(request, (frames, _) => { early = frames; return Task.CompletedTask; }, CancellationToken.None);

        early.Should().BeSameAs(analysis.Frames);
        analysis.Frames.Should().HaveCount(6);
        analysis.Signals.Loudness.Should().NotBeNull();
    }

    [Fact]
    public async Task Garbage_is_refused_with_a_segment_error()
    {
        var request = new SegmentAnalysisRequest(new SegmentMedia(System.Text.Encoding.ASCII.GetBytes(new string('x', 5000))), new SegmentTiming(0, 6), StreamAnalysisState.Start());

        var act = () => analyzer.AnalyzeAsync(request, null, CancellationToken.None);

        (await act.Should().ThrowAsync<SegmentFormatException>()).Which.Message.Should().Contain("Not a media segment");
    }

    [Fact]
    public async Task Empty_and_oversized_segments_are_refused_before_running_ffmpeg()
    {
        var small = new SegmentAnalyzer(
            Microsoft.Extensions.Options.Options.Create(new Glance.Media.Processes.FfmpegOptions { FfmpegPath = "/nonexistent/ffmpeg" }),
            Microsoft.Extensions.Options.Options.Create(new SegmentAnalysisOptions { MaxSegmentBytes = 1000 }));

        var empty = () => small.AnalyzeAsync(new SegmentAnalysisRequest(new SegmentMedia(Array.Empty<byte>()), new SegmentTiming(0, 6), StreamAnalysisState.Start()), null, CancellationToken.None);
        var large = () => small.AnalyzeAsync(new SegmentAnalysisRequest(new SegmentMedia(new byte[1001]), new SegmentTiming(0, 6), StreamAnalysisState.Start()), null, CancellationToken.None);

        (await empty.Should().ThrowAsync<SegmentFormatException>()).Which.Message.Should().Contain("empty");
        (await large.Should().ThrowAsync<SegmentFormatException>()).Which.Message.Should().Contain("limit is 1000");
    }

    internal static SegmentAnalysisRequest FramesOnly(SegmentAnalysisRequest request) => request with { Signals = SignalOptions.None };

    internal static List<double> StreamTimes(IEnumerable<SegmentAnalysis> results) =>
        results.SelectMany(r => r.Frames).Select(f => Math.Round(f.StreamTime, 6)).ToList();

    public void Dispose() => media.Dispose();
}
