using Glance.Media.Analysis;
using Glance.Media.Frames;
using Glance.Media.Signals;
using Glance.Media.Timing;
using Glance.Tests.Frames;

namespace Glance.Tests.Signals;

public sealed class SignalCheckTests : IDisposable
{
    private const double Frame = 1 / 30.0;
    private readonly TestMedia media = new();
    private readonly SegmentAnalyzer analyzer = TestMedia.Analyzer();

    [Theory]
    [InlineData(SamplingMode.Rate, 1)] // the run also delivers the samples: every frame decoded
    [InlineData(SamplingMode.Off, 3)] // signals only: B frames skipped (the test media has runs of 2)
    public async Task Black_freeze_and_silence_are_found_where_they_were_put_and_nowhere_else(SamplingMode sampling, int framesOfSlack)
    {
        var segment = await CompositeAsync();
        var slack = framesOfSlack * Frame;

        var analysis = await AnalyzeAsync(segment, SignalOptions.Default, new SamplingOptions { Mode = sampling });

        var signals = analysis.Signals;
        signals.Black.Should().ContainSingle().Which.Should().Match<SignalInterval>(i => Near(i.Start, 3, slack) && Near(i.End, 6, slack));
        signals.Freeze.Should().ContainSingle("the black stretch is frozen too, but is reported as black only")
            .Which.Should().Match<SignalInterval>(i => Near(i.Start, 6, slack) && Near(i.End, 9, slack));
        signals.Silence.Should().ContainSingle().Which.Should().Match<SignalInterval>(i => Near(i.Start, 4, 0.03) && Near(i.End, 6.5, 0.03));
        signals.AudioPresent.Should().BeTrue();
        signals.VideoPresent.Should().BeTrue();
        signals.Captions.Should().BeFalse();
        analysis.Frames.Should().HaveCount(sampling == SamplingMode.Off ? 0 : 12);
    }

    [Fact]
    public async Task Clean_programme_passes_every_check()
    {
        var segment = await SingleSegmentAsync("clean", Testsrc(8), Sine(8, volumeDb: -1.2), 8);

        var analysis = await AnalyzeAsync(segment, SignalOptions.Default);

        analysis.Signals.Black.Should().BeEmpty();
        analysis.Signals.Freeze.Should().BeEmpty();
        analysis.Signals.Silence.Should().BeEmpty();
        analysis.Signals.Captions.Should().BeFalse();
        var loudness = analysis.Signals.Loudness!;
        loudness.Integrated.Should().BeApproximately(-23, 0.5);
        loudness.ShortTermMax.Should().BeApproximately(-23, 0.7);
        loudness.TruePeak.Should().BeLessThan(-1);
        loudness.Passed.Should().BeTrue();
        loudness.Standard.Should().Be(LoudnessStandard.EbuR128);
    }

    [Fact]
    public async Task Atsc_a85_is_selectable_and_judges_against_minus_24_lkfs()
    {
        var segment = await SingleSegmentAsync("quiet", Testsrc(6), Sine(6, volumeDb: -3.7), 6);

        var ebu = await AnalyzeAsync(segment, SignalOptions.Default);
        var atsc = await AnalyzeAsync(segment, SignalOptions.Default with { Loudness = new LoudnessOptions(Standard: LoudnessStandard.AtscA85) });

        ebu.Signals.Loudness!.Integrated.Should().BeApproximately(-25.5, 0.5);
        ebu.Signals.Loudness.Passed.Should().BeFalse("-25.5 LUFS is 2.5 LU from the R128 target");
        atsc.Signals.Loudness!.Target.Should().Be(-24);
        atsc.Signals.Loudness.MaxTruePeak.Should().Be(-2);
        atsc.Signals.Loudness.Passed.Should().BeTrue("-25.5 LKFS is within 2 dB of the A/85 target");
    }

    [Fact]
    public async Task A_missing_audio_track_is_reported_and_audio_checks_are_skipped()
    {
        var segment = await SingleSegmentAsync("mute", Testsrc(4), [], 4);

        var analysis = await AnalyzeAsync(segment, SignalOptions.Default);

        analysis.Signals.AudioPresent.Should().BeFalse();
        analysis.Signals.Loudness.Should().BeNull();
        analysis.Signals.Silence.Should().BeEmpty();
        analysis.Signals.VideoPresent.Should().BeTrue();
        analysis.Frames.Should().HaveCount(4);
    }

    [Fact]
    public async Task Digital_silence_is_silence_and_has_no_loudness()
    {
        var segment = await SingleSegmentAsync("silent", Testsrc(4), ["-f", "lavfi", "-i", "anullsrc=r=48000:cl=mono"], 4);

        var analysis = await AnalyzeAsync(segment, SignalOptions.Default);

        analysis.Signals.Silence.Should().ContainSingle().Which.Duration.Should().BeGreaterThan(3.9);
        analysis.Signals.Loudness!.Integrated.Should().BeNull();
        analysis.Signals.Loudness.Passed.Should().BeFalse();
    }

    [Fact]
    public async Task Cea_608_captions_in_the_video_are_detected()
    {
        var annexB = media.PathOf("plain.h264");
        await TestMedia.FfmpegAsync("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30", "-t", "3", "-c:v", "libx264", "-preset", "ultrafast", "-bf", "0", "-g", "30", "-f", "h264", annexB);
        await File.WriteAllBytesAsync(media.PathOf("captioned.h264"), CaptionedStream.AddCaptions(await File.ReadAllBytesAsync(annexB)));
        foreach (var name in new[] { "plain", "captioned" })
        {
            await TestMedia.FfmpegAsync("-r", "30", "-i", media.PathOf($"{name}.h264"), "-c", "copy", "-bsf:v", "setts=ts=N*3000:time_base=1/90000", "-f", "mpegts", media.PathOf($"{name}.ts"));
        }

        var plain = await AnalyzeAsync(new TestSegment(await File.ReadAllBytesAsync(media.PathOf("plain.ts")), null, 3), SignalOptions.Default);
        var captioned = await AnalyzeAsync(new TestSegment(await File.ReadAllBytesAsync(media.PathOf("captioned.ts")), null, 3), SignalOptions.Default);
        var captionedFramesOnly = await AnalyzeAsync(new TestSegment(await File.ReadAllBytesAsync(media.PathOf("captioned.ts")), null, 3), SignalOptions.None);

        plain.Signals.Captions.Should().BeFalse();
        captioned.Signals.Captions.Should().BeTrue();
        captionedFramesOnly.Signals.Captions.Should().BeTrue("the stream header says so even when frames are not inspected");
        captioned.Frames.Should().HaveCount(3);
    }

    [Fact]
    public async Task Signals_are_placed_in_stream_time_in_later_segments()
    {
        string[] video = ["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30:duration=7", "-f", "lavfi", "-i", "color=black:size=320x180:rate=30:duration=2.5", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30:duration=2.5"];
        var segments = await media.HlsAsync("later", [.. video, .. Sine(12, 0)], seconds: 12, gop: 30, segmentSeconds: 6,
            extra: ["-filter_complex", "[0:v][1:v][2:v]concat=n=3:v=1:a=0[v]", "-map", "[v]", "-map", "3:a"]);

        var results = await TestMedia.AnalyzeAllAsync(analyzer, segments);
        var exact = await TestMedia.AnalyzeAllAsync(analyzer, segments, r => r with { Signals = SignalOptions.Default with { VideoChecksOnAllFrames = true } });

        results[0].Signals.Black.Should().BeEmpty();
        results[1].Signals.Black.Should().ContainSingle().Which.Should().Match<SignalInterval>(i => Near(i.Start, 7, 3 * Frame) && Near(i.End, 9.5, 3 * Frame));
        exact[1].Signals.Black.Should().ContainSingle().Which.Should().Match<SignalInterval>(i => Near(i.Start, 7, Frame) && Near(i.End, 9.5, Frame));
        results.Should().AllSatisfy(r => r.Signals.Freeze.Should().BeEmpty());
    }

    [Fact]
    public async Task Disabled_checks_report_nothing()
    {
        var segment = await CompositeAsync();

        var analysis = await AnalyzeAsync(segment, SignalOptions.None);

        analysis.Signals.Black.Should().BeEmpty();
        analysis.Signals.Freeze.Should().BeEmpty();
        analysis.Signals.Silence.Should().BeEmpty();
        analysis.Signals.Loudness.Should().BeNull();
        analysis.Signals.AudioPresent.Should().BeTrue();
    }

    /// <summary>12 s: picture 0-3 s, black 3-6 s, a looped still 6-9 s, picture 9-12 s; tone with silence 4-6.5 s.</summary>
    private async Task<TestSegment> CompositeAsync()
    {
        var still = media.PathOf("still.png");
        await TestMedia.FfmpegAsync("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30", "-frames:v", "1", still);
        string[] inputs =
        [
            "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30:duration=3",
            "-f", "lavfi", "-i", "color=black:size=320x180:rate=30:duration=3",
            "-loop", "1", "-framerate", "30", "-t", "3", "-i", still,
            "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30:duration=3",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=4",
            "-f", "lavfi", "-i", "anullsrc=r=48000:cl=mono,atrim=duration=2.5",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=5.5",
        ];
        const string graph = "[0:v]format=yuv420p,setsar=1[v0];[1:v]format=yuv420p,setsar=1[v1];[2:v]format=yuv420p,setsar=1[v2];[3:v]format=yuv420p,setsar=1[v3];" +
                             "[v0][v1][v2][v3]concat=n=4:v=1:a=0[v];[4:a][5:a][6:a]concat=n=3:v=0:a=1[a]";
        var segments = await media.HlsAsync("composite", inputs, seconds: 12, gop: 30, segmentSeconds: 12, extra: ["-filter_complex", graph, "-map", "[v]", "-map", "[a]"]);
        return segments.Should().ContainSingle().Subject;
    }

    private async Task<TestSegment> SingleSegmentAsync(string name, string[] video, string[] audio, double seconds)
    {
        var segments = await media.HlsAsync(name, [.. video, .. audio], seconds, gop: 30, segmentSeconds: seconds);
        return segments.Should().ContainSingle().Subject;
    }

    private Task<SegmentAnalysis> AnalyzeAsync(TestSegment segment, SignalOptions signals, SamplingOptions? sampling = null) =>
        analyzer.AnalyzeAsync(
            new SegmentAnalysisRequest(segment.ToMedia(), new SegmentTiming(0, segment.Duration), StreamAnalysisState.Start())
            {
                Signals = signals,
                Sampling = sampling ?? SamplingOptions.Default,
            },
            null,
            CancellationToken.None);

    private static string[] Testsrc(double seconds) => ["-f", "lavfi", "-i", $"testsrc2=size=320x180:rate=30:duration={seconds}"];

    private static string[] Sine(double seconds, double volumeDb) =>
        ["-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=48000:duration={seconds},volume={volumeDb.ToString(System.Globalization.CultureInfo.InvariantCulture)}dB"];

    private static bool Near(double actual, double expected, double tolerance) => Math.Abs(actual - expected) <= tolerance + 1e-6;

    public void Dispose() => media.Dispose();
}
