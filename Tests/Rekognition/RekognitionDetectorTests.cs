using Glance.Detection;
using Glance.Detection.Rekognition;
using Glance.Media.Frames;
using Glance.Media.Images;

namespace Glance.Tests.Rekognition;

/// <summary>Each detector end to end: frame -> JPEG -> signed request -> documented answer -> common contract.</summary>
public sealed class RekognitionDetectorTests
{
    private static readonly DetectionContext Context = new()
    {
        People = [new KnownPerson("person-ana", "Ana Lima", [])],
    };

    [Fact]
    public async Task Celebrities_become_people_with_rekognitions_id()
    {
        await using var harness = await RekognitionHarness.StartAsync();
        var detector = new RekognitionCelebrityDetector(harness.Client, harness.Encoder, harness.WrappedOptions);

        var detections = await detector.DetectAsync(NewFrame(), Context, CancellationToken.None);

        detections.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new FrameDetection(DetectionKind.Person, "3Ir0du6", "Jane Anchor", 0.98, new BoundingBox(0.1, 0.15, 0.2, 0.3), "rekognition.celebrities"),
            o => o.Using<double>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-9)).WhenTypeIs<double>());
        harness.Server.Received.Should().ContainSingle().Which.Operation.Should().Be("RecognizeCelebrities");
    }

    [Fact]
    public async Task Object_labels_give_one_boxed_detection_per_instance_and_scene_labels_one_without_a_box()
    {
        await using var harness = await RekognitionHarness.StartAsync();
        var detector = new RekognitionLabelDetector(harness.Client, harness.Encoder, harness.WrappedOptions);

        var detections = await detector.DetectAsync(NewFrame(), Context, CancellationToken.None);

        detections.Select(d => (d.Kind, d.Name, d.Box is null)).Should().Equal(
            (DetectionKind.Label, "Person", false),
            (DetectionKind.Label, "Person", false),
            (DetectionKind.Label, "Stadium", true));
        detections[0].Confidence.Should().BeApproximately(0.992, 1e-9);
        detections[0].Box.Should().Be(new BoundingBox(0.1, 0.2, 0.25, 0.5));
        var clamped = detections[1].Box!.Value;
        (clamped.X + clamped.Width).Should().BeApproximately(1, 1e-9, "an instance reaching past the frame is clamped");
        (clamped.Y + clamped.Height).Should().BeApproximately(1, 1e-9);
        detections.Should().OnlyContain(d => d.Detector == "rekognition.labels" && d.Id == null);

        var request = harness.Server.Received.Should().ContainSingle().Which;
        request.Operation.Should().Be("DetectLabels");
        request.Body.GetProperty("MaxLabels").GetInt32().Should().Be(50);
        request.Body.GetProperty("MinConfidence").GetDouble().Should().Be(50);
    }

    [Fact]
    public async Task Text_reports_lines_not_words_and_sends_the_events_text_regions()
    {
        await using var harness = await RekognitionHarness.StartAsync();
        var detector = new RekognitionTextDetector(harness.Client, harness.Encoder, harness.WrappedOptions);
        var context = Context with { TextRegions = [new BoundingBox(0, 0, 0.5, 0.2)] };

        var detections = await detector.DetectAsync(NewFrame(), context, CancellationToken.None);

        var line = detections.Should().ContainSingle().Which;
        line.Kind.Should().Be(DetectionKind.Text);
        line.Name.Should().Be("HOME 2 - 1 AWAY");
        line.Confidence.Should().BeApproximately(0.987, 1e-9);
        line.Box.Should().Be(new BoundingBox(0.05, 0.04, 0.3, 0.05));
        var region = harness.Server.Received.Single().Body.GetProperty("Filters").GetProperty("RegionsOfInterest")[0].GetProperty("BoundingBox");
        (region.GetProperty("Left").GetDouble(), region.GetProperty("Top").GetDouble(), region.GetProperty("Width").GetDouble(), region.GetProperty("Height").GetDouble())
            .Should().Be((0d, 0d, 0.5, 0.2));
    }

    [Fact]
    public async Task More_text_regions_than_rekognition_takes_are_applied_here()
    {
        await using var harness = await RekognitionHarness.StartAsync();
        var detector = new RekognitionTextDetector(harness.Client, harness.Encoder, harness.WrappedOptions);
        List<BoundingBox> regions = [.. Enumerable.Range(0, 11).Select(i => new BoundingBox(0.5, i * 0.05, 0.5, 0.05))];

        var detections = await detector.DetectAsync(NewFrame(), Context with { TextRegions = regions }, CancellationToken.None);

        detections.Should().BeEmpty("the scoreboard line lies in the left half, outside every region");
        harness.Server.Received.Single().Body.TryGetProperty("Filters", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Custom_labels_take_the_configured_kind_else_label()
    {
        await using var harness = await RekognitionHarness.StartAsync(o =>
        {
            o.ProjectVersionArn = "arn:aws:rekognition:us-east-1:123456789012:project/sports/version/sports.2026-11-01/1";
            o.CustomLabelKinds["Basketball"] = DetectionKind.Sport;
        });
        var detector = new RekognitionCustomLabelDetector(harness.Client, harness.Encoder, harness.WrappedOptions);

        var detections = await detector.DetectAsync(NewFrame(), Context, CancellationToken.None);

        detections.Select(d => (d.Kind, d.Name, d.Box)).Should().Equal(
            (DetectionKind.Sport, "basketball", (BoundingBox?)null),
            (DetectionKind.Label, "Scoreboard", new BoundingBox(0.7, 0.02, 0.2, 0.1)));
        detector.Kinds.Should().BeEquivalentTo([DetectionKind.Sport, DetectionKind.Label]);
        var request = harness.Server.Received.Single();
        request.Operation.Should().Be("DetectCustomLabels");
        request.Body.GetProperty("ProjectVersionArn").GetString().Should().Be(harness.Options.ProjectVersionArn);
    }

    [Fact]
    public async Task Moderation_labels_keep_both_category_and_subcategory_above_the_floor()
    {
        await using var harness = await RekognitionHarness.StartAsync();
        var detector = new RekognitionModerationDetector(harness.Client, harness.Encoder, harness.WrappedOptions);

        var detections = await detector.DetectAsync(NewFrame(), Context, CancellationToken.None);

        detections.Select(d => (d.Kind, d.Name, d.Box)).Should().Equal(
            (DetectionKind.Moderation, "Violence", (BoundingBox?)null),
            (DetectionKind.Moderation, "Graphic Violence", (BoundingBox?)null));
        detections[0].Confidence.Should().BeApproximately(0.882, 1e-9);
        harness.Server.Received.Single().Operation.Should().Be("DetectModerationLabels");
    }

    [Fact]
    public async Task A_face_found_in_the_collection_is_the_best_matching_person_from_the_gallery()
    {
        await using var harness = await RekognitionHarness.StartAsync(o => o.CollectionId = "broadcaster-42");
        var detector = new RekognitionFaceSearchDetector(harness.Client, harness.Encoder, harness.WrappedOptions);

        var detections = await detector.DetectAsync(NewFrame(), Context, CancellationToken.None);

        var face = detections.Should().ContainSingle().Which;
        face.Kind.Should().Be(DetectionKind.Face);
        face.Id.Should().Be("person-ana");
        face.Name.Should().Be("Ana Lima");
        face.Confidence.Should().BeApproximately(0.975, 1e-9);
        face.Box.Should().Be(new BoundingBox(0.4, 0.1, 0.18, 0.32), "the box is where the searched face is in this frame");
        var request = harness.Server.Received.Single().Body;
        request.GetProperty("CollectionId").GetString().Should().Be("broadcaster-42");
        request.GetProperty("FaceMatchThreshold").GetDouble().Should().Be(80);
    }

    [Fact]
    public async Task A_face_outside_the_gallery_keeps_rekognitions_id_and_an_unmatched_face_is_unknown()
    {
        await using var harness = await RekognitionHarness.StartAsync(o => o.CollectionId = "broadcaster-42");
        var detector = new RekognitionFaceSearchDetector(harness.Client, harness.Encoder, harness.WrappedOptions);

        var outsider = await detector.DetectAsync(NewFrame(), DetectionContext.Empty, CancellationToken.None);
        harness.Server.Answer("SearchFacesByImage", """
            { "SearchedFaceBoundingBox": { "Width": 0.2, "Height": 0.3, "Left": 0.1, "Top": 0.1 }, "SearchedFaceConfidence": 99.0, "FaceMatches": [], "FaceModelVersion": "7.0" }
            """);
        var unknown = await detector.DetectAsync(NewFrame(), Context, CancellationToken.None);

        outsider.Should().ContainSingle().Which.Should().Match<FrameDetection>(d => d.Id == "person-ana" && d.Name == "person-ana");
        unknown.Should().ContainSingle().Which.Should().Match<FrameDetection>(d =>
            d.Id == null && d.Name == RekognitionFaceSearchDetector.UnknownFaceName && d.Kind == DetectionKind.Face && d.Box != null);
    }

    [Fact]
    public async Task A_frame_without_faces_is_an_empty_result_not_an_error()
    {
        await using var harness = await RekognitionHarness.StartAsync(o => o.CollectionId = "broadcaster-42");
        var detector = new RekognitionFaceSearchDetector(harness.Client, harness.Encoder, harness.WrappedOptions);
        harness.Server.FailNext(1, "InvalidParameterException", "There are no faces in the image. Should be at least 1.");

        var detections = await detector.DetectAsync(NewFrame(), Context, CancellationToken.None);

        detections.Should().BeEmpty();
    }

    [Fact]
    public async Task Other_errors_reach_the_pipeline()
    {
        await using var harness = await RekognitionHarness.StartAsync(o => o.CollectionId = "broadcaster-42");
        var detector = new RekognitionFaceSearchDetector(harness.Client, harness.Encoder, harness.WrappedOptions);
        harness.Server.FailNext(1, "ResourceNotFoundException", "The collection id: broadcaster-42 does not exist");

        var act = async () => await detector.DetectAsync(NewFrame(), Context, CancellationToken.None);

        (await act.Should().ThrowAsync<RekognitionException>()).Which.ErrorType.Should().Be("ResourceNotFoundException");
    }

    [Fact]
    public async Task Several_rekognition_detectors_on_one_frame_encode_it_once()
    {
        await using var harness = await RekognitionHarness.StartAsync();
        IFrameDetector[] detectors =
        [
            new RekognitionCelebrityDetector(harness.Client, harness.Encoder, harness.WrappedOptions),
            new RekognitionLabelDetector(harness.Client, harness.Encoder, harness.WrappedOptions),
            new RekognitionTextDetector(harness.Client, harness.Encoder, harness.WrappedOptions),
            new RekognitionModerationDetector(harness.Client, harness.Encoder, harness.WrappedOptions),
        ];
        var frame = NewFrame();

        await Task.WhenAll(detectors.Select(d => d.DetectAsync(frame, Context, CancellationToken.None).AsTask()));

        var images = harness.Server.Received.Select(r => r.Image).ToList();
        images.Should().HaveCount(4);
        images.Should().AllSatisfy(image => image.Should().Equal(images[0]));
        var shared = await frame.SharedAsync<byte[]>(RekognitionImageEncoder.SharedKey(RekognitionImageEncoder.MaxImageBytes), _ => throw new InvalidOperationException("encoded again"), CancellationToken.None);
        shared.Should().Equal(images[0]);
    }

    [Fact]
    public async Task A_frame_too_large_for_rekognition_is_reencoded_under_each_operations_limit()
    {
        // Best quality: a 4K frame of noise is then about 9 MB as JPEG, well past both limits.
        await using var harness = await RekognitionHarness.StartAsync(o =>
        {
            o.JpegQuality = 100;
            o.ProjectVersionArn = "arn:aws:rekognition:us-east-1:123456789012:project/p/version/v/1";
        });
        var noise = Noise(3840, 2160);
        var firstTry = await RekognitionHarness.Codec.EncodeJpegAsync(noise, harness.Options.JpegQuality, CancellationToken.None);
        firstTry.Length.Should().BeGreaterThan(RekognitionImageEncoder.MaxImageBytes, "otherwise this test proves nothing");
        var frame = new DetectionFrame(noise);

        await new RekognitionLabelDetector(harness.Client, harness.Encoder, harness.WrappedOptions).DetectAsync(frame, Context, CancellationToken.None);
        await new RekognitionCustomLabelDetector(harness.Client, harness.Encoder, harness.WrappedOptions).DetectAsync(frame, Context, CancellationToken.None);

        var received = harness.Server.Received;
        received.Single(r => r.Operation == "DetectLabels").Image.Length.Should().BeLessThanOrEqualTo(LocalRekognitionServer.MaxImageBytes);
        received.Single(r => r.Operation == "DetectCustomLabels").Image.Length.Should().BeLessThanOrEqualTo(LocalRekognitionServer.MaxCustomLabelsImageBytes);
        JpegSize(received[0].Image).Should().Be((3840, 2160), "a lower quality is tried before the frame is scaled down");
    }

    [Fact]
    public async Task Halving_is_the_last_resort_and_keeps_the_picture()
    {
        var image = Media.FfmpegImageCodecTests.Gradient(320, 240);
        var encoder = new RekognitionImageEncoder(RekognitionHarness.Codec, Microsoft.Extensions.Options.Options.Create(new RekognitionOptions()));
        var full = await RekognitionHarness.Codec.EncodeJpegAsync(image, 50, CancellationToken.None);

        var jpeg = await encoder.EncodeAsync(image, full.Length - 1, CancellationToken.None);

        var decoded = await RekognitionHarness.Codec.DecodeAsync(jpeg, ImageDecodeLimits.Default, CancellationToken.None);
        jpeg.Length.Should().BeLessThan(full.Length);
        decoded.Width.Should().BeLessThan(320);
        decoded.Height.Should().Be(decoded.Width * 240 / 320);
    }

    /// <summary>Width and height from the JPEG's start-of-frame segment (no need to decode 4K to learn them).</summary>
    private static (int Width, int Height) JpegSize(byte[] jpeg)
    {
        var i = 2;
        while (i + 9 < jpeg.Length && jpeg[i] == 0xFF)
        {
            var marker = jpeg[i + 1];
            var length = (jpeg[i + 2] << 8) | jpeg[i + 3];
            if (marker is 0xC0 or 0xC1 or 0xC2)
            {
                return ((jpeg[i + 7] << 8) | jpeg[i + 8], (jpeg[i + 5] << 8) | jpeg[i + 6]);
            }

            i += 2 + length;
        }

        throw new InvalidDataException("No start-of-frame segment in the JPEG.");
    }

    private static DetectionFrame NewFrame() => new(Media.FfmpegImageCodecTests.Gradient(64, 48));

    private static RgbImage Noise(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        new Random(42).NextBytes(pixels);
        return new RgbImage(width, height, pixels);
    }
}
