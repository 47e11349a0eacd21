using System.Text.Json;
using Glance.Media.Analysis;
using Glance.Media.Frames;
using Glance.Media.Signals;
using Glance.Media.Timing;

namespace Glance.Tests.Frames;

public sealed class SegmentAnalysisJsonTests
{
    [Fact]
    public void Writes_frames_and_signals_in_the_inspect_segment_shape()
    {
        var image = new RgbImage(2, 1, new byte[6]);
        var timeline = new SegmentTimeline(1000, 1000, 40 * 90_000, 0, TimelineBreak.Start, null, null);
        var analysis = new SegmentAnalysis(
            [new SampledFrame(0, 1000, 40, null, image), new SampledFrame(1, 91_000, 41.0333333333, DateTimeOffset.UnixEpoch, image)],
            new SignalReport(true, true, false, [new SignalInterval(42, 43.5)], [], [], new LoudnessReport(-23.04, -21.3, double.NegativeInfinity, LoudnessStandard.EbuR128, -23, 1, -1)),
            timeline,
            StreamAnalysisState.Start(),
            FrameSource.Keyframes);

        using var json = JsonDocument.Parse(SegmentAnalysisJson.ToJson(analysis));

        var root = json.RootElement;
        root.GetProperty("frames").GetArrayLength().Should().Be(2);
        root.GetProperty("frames")[1].GetProperty("streamTime").GetDouble().Should().Be(41.033333);
        root.GetProperty("frames")[1].GetProperty("pts").GetInt64().Should().Be(91_000);
        root.GetProperty("frames")[0].TryGetProperty("wallClock", out _).Should().BeFalse();
        var signals = root.GetProperty("signals");
        signals.GetProperty("silence")[0].GetProperty("start").GetDouble().Should().Be(42);
        signals.GetProperty("silence")[0].GetProperty("end").GetDouble().Should().Be(43.5);
        signals.GetProperty("black").GetArrayLength().Should().Be(0);
        signals.GetProperty("loudness").GetProperty("integrated").GetDouble().Should().Be(-23.04);
        signals.GetProperty("loudness").GetProperty("truePeak").ValueKind.Should().Be(JsonValueKind.Null);
        signals.GetProperty("loudness").GetProperty("passed").GetBoolean().Should().BeTrue();
        signals.GetProperty("audioPresent").GetBoolean().Should().BeTrue();
        signals.GetProperty("captions").GetBoolean().Should().BeFalse();
    }
}
