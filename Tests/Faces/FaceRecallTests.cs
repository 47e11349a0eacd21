using Glance.Detection;
using Glance.Detection.Local.Faces;
using Glance.Detection.Local.Faces.Evaluation;

namespace Glance.Tests.Faces;

/// <summary>
/// Recall on real photographs with faces marked by hand (Tests/Fixtures/Faces/marked-faces.json). Before issue 13
/// TinyFaceDetector over the whole image found 19 of the 25 faces, none of the 5 hard ones, with 2 false positives.
/// The floors are what was measured after: BlazeFace finds 23 (3 hard) with none, TinyFaceDetector with one row of
/// magnified tiles 23 (3 hard) with the same 2. The benchmark `faces` prints the per-photo figures.
/// </summary>
public sealed class FaceRecallTests
{
    [MarkedFacePhotosFact]
    public async Task BlazeFace_finds_small_and_turned_faces_without_false_positives()
    {
        var scores = await ScoreAsync(FaceAnalyzer.BoxDetector(FaceModelsFixture.Models, new LocalModelOptions()));

        var summary = FaceRecallSummary.Of(scores);
        summary.Marked.Should().Be(25);
        summary.Recall.Should().BeGreaterThanOrEqualTo(0.92, string.Join("; ", scores.Select(s => $"{s.Image} {s.Found}/{s.Marked}")));
        summary.HardRecall.Should().BeGreaterThanOrEqualTo(0.6);
        summary.EasyRecall.Should().Be(1, "every face not marked hard is found");
        // Measured 0; one of slack for ONNX Runtime kernels on other CPUs moving a score across the threshold.
        summary.FalsePositives.Should().BeLessThanOrEqualTo(1);
    }

    [MarkedFacePhotosFact]
    public async Task TinyFaceDetector_tiles_find_small_and_turned_faces_without_more_false_positives()
    {
        var detector = new MultiScaleFaceDetector(FaceModelsFixture.Models.Detector, new LocalModelOptions { FaceDetector = FaceDetectorKind.TinyFaceDetector });

        var scores = await ScoreAsync(detector);

        var summary = FaceRecallSummary.Of(scores);
        summary.Recall.Should().BeGreaterThanOrEqualTo(0.92, string.Join("; ", scores.Select(s => $"{s.Image} {s.Found}/{s.Marked}")));
        summary.HardRecall.Should().BeGreaterThanOrEqualTo(0.6);
        summary.EasyRecall.Should().Be(1, "every face not marked hard is found");
        summary.FalsePositives.Should().BeLessThanOrEqualTo(2, "the whole-image pass alone has 2 (between two faces in sample6.jpg; the mandrill)");
    }

    [MarkedFacePhotosFact]
    public async Task Messi5_yields_a_face_from_the_frame_detector()
    {
        var messi = await FaceModelsFixture.DecodeAsync(Path.Combine(MarkedFacePhotos.OpenCvExamples, "data", "messi5.jpg"), MarkedFacePhotos.LongSide);
        var detector = new LocalFaceDetector(FaceModelsFixture.Analyzer(), FaceModelsFixture.Codec);

        var detections = await detector.DetectAsync(new DetectionFrame(messi), new DetectionContext(), CancellationToken.None);

        var face = detections.Should().ContainSingle(d => d.Kind == DetectionKind.Face).Which;
        // Marked by hand at x 226-260, y 90-132 of the 548x342 photo.
        var box = face.Box!.Value;
        (box.X + (box.Width / 2)).Should().BeApproximately(243 / 548.0, 0.03);
        (box.Y + (box.Height / 2)).Should().BeApproximately(111 / 342.0, 0.05);
    }

    [MarkedFacePhotosFact]
    public async Task The_whole_image_pass_alone_misses_messi5s_face()
    {
        // Why the tiles exist: at 416 the whole 548 px photo shrinks the 34 px face below the detector's smallest anchor.
        var messi = await FaceModelsFixture.DecodeAsync(Path.Combine(MarkedFacePhotos.OpenCvExamples, "data", "messi5.jpg"), MarkedFacePhotos.LongSide);

        var faces = new MultiScaleFaceDetector(FaceModelsFixture.Models.Detector, new LocalModelOptions { SmallFaceTileRows = 0 }).Detect(messi);

        faces.Should().BeEmpty();
    }

    [FaceModelsFact]
    public void Options_choose_BlazeFace_by_default_and_TinyFaceDetector_with_tiles_on_request()
    {
        var models = FaceModelsFixture.Models;

        FaceAnalyzer.BoxDetector(models, new LocalModelOptions()).Should().BeOfType<BlazeFaceDetector>();
        FaceAnalyzer.BoxDetector(models, new LocalModelOptions { FaceDetector = FaceDetectorKind.TinyFaceDetector }).Should().BeOfType<MultiScaleFaceDetector>();
    }

    [Fact]
    public void The_marked_set_has_its_faces_inside_their_photos()
    {
        var set = MarkedFacePhotos.Set;

        set.Images.Should().HaveCount(15);
        set.Images.Sum(i => i.Faces.Count).Should().Be(25);
        set.Images.Sum(i => i.Faces.Count(f => f.Hard)).Should().Be(5);
        foreach (var image in set.Images.Where(i => i.Faces.Count > 0))
        {
            image.Faces.Should().OnlyContain(f => f.X >= 0 && f.X + f.Width <= image.Width!.Value, image.Name);
        }

        set.Images.SelectMany(i => i.Faces).Count(f => f.Person == "blonde-1").Should().Be(2);
    }

    [Fact]
    public void A_detection_finds_a_marked_face_at_IoU_0_3_and_each_face_once()
    {
        var marked = new MarkedImage("test", "a.jpg", 200, [new MarkedFace(100, 100, 40, 40, false, null, null), new MarkedFace(10, 10, 20, 20, true, null, null)], []);
        // Scaled to a 100 px wide image: faces at (50, 50, 20, 20) and (5, 5, 10, 10).
        DetectedFace[] detections =
        [
            new(52, 52, 20, 20, 0.9f), // IoU 0.68 with the first face
            new(50, 50, 20, 20, 0.8f), // a second box on the same face: a false positive
            new(8, 8, 10, 10, 0.7f),   // IoU 0.32 with the second face
        ];

        var score = FaceDetectionScorer.Score(marked, 100, detections);

        score.Found.Should().Be(2);
        score.FoundHard.Should().Be(1);
        score.FalsePositiveBoxes.Should().ContainSingle().Which.Score.Should().Be(0.8f);
    }

    [Fact]
    public void A_detection_below_IoU_0_3_is_a_false_positive_unless_centred_in_an_ignore_region()
    {
        var marked = new MarkedImage("test", "a.jpg", 100, [new MarkedFace(0, 0, 10, 10, false, null, null)], [(50, 50, 50, 50)]);
        DetectedFace[] detections = [new(6, 6, 10, 10, 0.9f), new(70, 70, 10, 10, 0.6f)];

        var score = FaceDetectionScorer.Score(marked, 100, detections);

        score.Found.Should().Be(0, "IoU 16/184 is below 0.3");
        score.FalsePositives.Should().Be(1, "the second box lies in the crowd");
    }

    [Theory]
    [InlineData(1280, 720, 1, 2, 720)]
    [InlineData(548, 342, 1, 2, 342)]
    [InlineData(1280, 720, 2, 8, 400)]
    [InlineData(720, 1280, 1, 2, 720)]
    [InlineData(400, 400, 1, 1, 400)]
    public void Face_tiles_cover_the_image_with_overlapping_squares(int width, int height, int rows, int count, int side)
    {
        var tiles = FaceTiles.Layout(width, height, rows);

        tiles.Should().HaveCount(count).And.OnlyContain(t => t.Width == side && t.Height == side && t.Right <= width && t.Bottom <= height);
        tiles.Max(t => t.Right).Should().Be(width);
        tiles.Max(t => t.Bottom).Should().Be(height);
    }

    [Fact]
    public void Suppression_keeps_the_best_box_and_drops_a_partial_box_inside_it()
    {
        DetectedFace[] faces = [new(0, 0, 100, 100, 0.9f), new(10, 10, 40, 40, 0.8f), new(200, 0, 50, 50, 0.7f), new(5, 5, 100, 100, 0.6f)];

        var kept = FaceBoxes.Suppress(faces, 0.4);

        kept.Select(f => f.Score).Should().Equal(0.9f, 0.7f);
    }

    private static async Task<List<FaceImageScore>> ScoreAsync(IFaceBoxDetector detector) =>
        (await MarkedFacePhotos.DecodeAllAsync())
            .Select(p => FaceDetectionScorer.Score(p.Marked, p.Image.Width, detector.Detect(p.Image)))
            .ToList();
}
