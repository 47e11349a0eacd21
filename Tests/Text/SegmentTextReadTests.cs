using Glance.Detection;
using Glance.Detection.Local.Imaging;
using Glance.Detection.Local.Text;
using Glance.Media.Frames;
using Microsoft.Extensions.Options;
using Glance.Tests.Infrastructure;

namespace Glance.Tests.Text;

public sealed class SegmentTextReadTests
{
    [Fact]
    public async Task A_segments_frames_are_read_by_one_tesseract_run_with_the_same_text_as_frame_by_frame()
    {
        var frames = await FramesAsync();
        var recognizer = Recognizer();
        using var runs = TesseractRuns();

        var detectionFrames = frames.Select(f => new DetectionFrame(f)).ToArray();
        recognizer.BeginSegment(detectionFrames, DetectionContext.Empty, CancellationToken.None);
        var together = new List<RecognizedText>();
        foreach (var frame in detectionFrames)
        {
            together.Add(await recognizer.RecognizeSharedAsync(frame, DetectionContext.Empty, CancellationToken.None));
        }

        var segmentRuns = (runs["segment"], runs["frame"]);
        var alone = Recognizer();
        var oneByOne = new List<RecognizedText>();
        foreach (var frame in frames)
        {
            oneByOne.Add(await alone.RecognizeAsync(Greyscale.FromRgb(frame), [], CancellationToken.None));
        }

        segmentRuns.Should().Be((1L, 0L), "one run reads every frame of the segment, and no frame starts its own");
        runs["frame"].Should().Be(frames.Count);
        for (var i = 0; i < frames.Count; i++)
        {
            // The scoreboard reads the same either way. Texture that Tesseract turns into fragments ("ft", "&- 8") may
            // come out as other fragments next to other lines, so those are compared by count only.
            var score = i < 3 ? "POR 1 0 SAN" : "BEN 2 1 FCP";
            together[i].Lines.Count.Should().Be(oneByOne[i].Lines.Count, $"frame {i} has the same candidate lines either way");
            var batched = together[i].Lines.Single(l => l.Text.Contains(score, StringComparison.Ordinal));
            var single = oneByOne[i].Lines.Single(l => l.Text.Contains(score, StringComparison.Ordinal));
            batched.Box.X.Should().BeApproximately(single.Box.X, 0.01);
            batched.Box.Y.Should().BeApproximately(single.Box.Y, 0.01);
            batched.Box.Width.Should().BeApproximately(single.Box.Width, 0.01);
        }
    }

    [Fact]
    public async Task When_the_segment_read_fails_each_frame_is_read_on_its_own()
    {
        var frames = await FramesAsync();
        var recognizer = Recognizer();
        using var runs = TesseractRuns();
        var detectionFrames = frames.Take(2).Select(f => new DetectionFrame(f)).ToArray();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        recognizer.BeginSegment(detectionFrames, DetectionContext.Empty, cancelled.Token);
        var first = await recognizer.RecognizeSharedAsync(detectionFrames[0], DetectionContext.Empty, CancellationToken.None);
        var second = await recognizer.RecognizeSharedAsync(detectionFrames[1], DetectionContext.Empty, CancellationToken.None);

        first.Lines.Should().Contain(l => l.Text.Contains("POR", StringComparison.Ordinal));
        second.Lines.Should().Contain(l => l.Text.Contains("POR", StringComparison.Ordinal));
        (runs["segment"], runs["frame"]).Should().Be((0L, 2L), "the cancelled segment read ran nothing, and each frame was then read by itself");
    }

    /// <summary>Three frames with the same scoreboard over moving backgrounds' first picture, and one with another score.</summary>
    private static async Task<IReadOnlyList<RgbImage>> FramesAsync()
    {
        var background = TestMedia.Backgrounds()[0];
        var same = await TestMedia.RenderAsync(background, 640, 360, TestMedia.Scoreboard("POR 1 - 0 SAN", 360, out _));
        var other = await TestMedia.RenderAsync(background, 640, 360, TestMedia.Scoreboard("BEN 2 - 1 FCP", 360, out _));
        return [same, same, same, other];
    }

    /// <summary>The crop cache off, so that every run counted is one the segment read saved or made.</summary>
    private static TextRecognizer Recognizer()
    {
        var options = Options.Create(new LocalTextOptions { ReadCropCacheSize = 0 });
        return new TextRecognizer(new TesseractTextReader(new TesseractEngine(options), options, TestMeters.Text()));
    }

    private static MeasurementCounter TesseractRuns() => new("glance.text.tesseract_runs", "scope");
}
