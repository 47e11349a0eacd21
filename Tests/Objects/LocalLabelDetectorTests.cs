using Glance.Detection;
using Glance.Detection.Local.Classifiers;
using Glance.Detection.Local.Objects;
using Microsoft.Extensions.Options;

namespace Glance.Tests.Objects;

/// <summary>The "local.labels" detector on real photos, and the forward pass it shares with "local.sport".</summary>
[Collection(CenterNetCollection.Name)]
public sealed class LocalLabelDetectorTests(CenterNetFixture fixture)
{
    private LocalLabelDetector Detector => new(fixture.Network, Options.Create(new ObjectDetectionOptions()));

    private static DetectionContext WithMinimum(double confidence) =>
        new() { Thresholds = new DetectionThresholds { MinLabelConfidence = confidence } };

    [ObjectModelTheory]
    [InlineData("opencv", "messi5.jpg", 0.4, new[] { "sports ball", "person" })]
    [InlineData("opencv", "basketball1.png", 0.4, new[] { "person" })]
    [InlineData("opencv", "licenseplate_motion.jpg", 0.4, new[] { "car" })]
    [InlineData("opencv", "fruits.jpg", 0.3, new[] { "apple", "orange" })]
    [InlineData("face-api", "sample1.jpg", 0.4, new[] { "person" })]
    public async Task Objects_are_found_in_real_photos(string source, string name, double minimum, string[] expected)
    {
        var image = await fixture.DecodeAsync(ObjectTestFiles.Photo(source, name));

        var detections = await Detector.DetectAsync(new DetectionFrame(image), WithMinimum(minimum), CancellationToken.None);

        detections.Select(d => d.Name).Should().Contain(expected);
        detections.Should().OnlyContain(d => d.Kind == DetectionKind.Label && d.Id == null && d.Detector == LocalLabelDetector.DetectorName && d.Confidence > minimum);
        detections.Should().OnlyContain(d => d.Box != null && d.Box.Value.X >= 0 && d.Box.Value.Y >= 0 && d.Box.Value.X + d.Box.Value.Width <= 1.0000001 && d.Box.Value.Y + d.Box.Value.Height <= 1.0000001);
    }

    [ObjectModelFact]
    public async Task The_ball_and_the_player_are_where_they_are_in_the_photo()
    {
        var image = await fixture.DecodeAsync(ObjectTestFiles.Photo("opencv", "messi5.jpg"));

        var detections = await Detector.DetectAsync(new DetectionFrame(image), WithMinimum(0.45), CancellationToken.None);

        // The ball lies at the bottom right (about x 340-385 of 548, y 290-335 of 342); the player spans the middle.
        var ball = detections.Single(d => d.Name == "sports ball").Box!.Value;
        (ball.X + (ball.Width / 2)).Should().BeInRange(340 / 548.0, 385 / 548.0);
        (ball.Y + (ball.Height / 2)).Should().BeInRange(290 / 342.0, 335 / 342.0);
        var player = detections.Where(d => d.Name == "person").MaxBy(d => d.Confidence)!.Box!.Value;
        player.Height.Should().BeGreaterThan(0.6);
        (player.X + (player.Width / 2)).Should().BeInRange(0.3, 0.7);
    }

    [ObjectModelFact]
    public async Task A_frame_with_no_picture_gets_no_labels_unless_asked_to_look()
    {
        // Black with faint noise, as an encoder leaves it: the network still finds "objects" in it at a low enough bar.
        var random = new Random(7);
        var pixels = new byte[640 * 360 * 3];
        random.NextBytes(pixels);
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(pixels[i] % 14);
        }

        var frame = new DetectionFrame(new Glance.Media.Frames.RgbImage(640, 360, pixels));
        var looking = new LocalLabelDetector(fixture.Network, Options.Create(new ObjectDetectionOptions { SkipBlackFrames = false }));

        (await looking.DetectAsync(frame, WithMinimum(0.01), CancellationToken.None)).Should().NotBeEmpty("CenterNet sees something in noise at a 0.01 bar");
        (await Detector.DetectAsync(frame, WithMinimum(0.01), CancellationToken.None)).Should().BeEmpty("black frames are skipped by default");
    }

    [ObjectModelFact]
    public async Task The_minimum_confidence_comes_from_the_event_thresholds()
    {
        var image = await fixture.DecodeAsync(ObjectTestFiles.Photo("opencv", "messi5.jpg"));
        var frame = new DetectionFrame(image);

        var lenient = await Detector.DetectAsync(frame, WithMinimum(0.2), CancellationToken.None);
        var strict = await Detector.DetectAsync(frame, WithMinimum(0.6), CancellationToken.None);

        lenient.Count.Should().BeGreaterThan(strict.Count);
        strict.Should().OnlyContain(d => d.Confidence > 0.6);
        strict.Select(d => d.Name).Should().Contain("sports ball");
    }

    [ObjectModelFact]
    public async Task Labels_and_sport_share_one_forward_pass_per_frame()
    {
        var image = await fixture.DecodeAsync(ObjectTestFiles.Photo("opencv", "basketball1.png"));
        var frame = new DetectionFrame(image);
        var features = new List<float[]> { new float[480], Enumerable.Repeat(1f, 480).ToArray() };
        var trainer = new ImageClassifierTrainer(fixture.Network, Options.Create(new ClassifierTrainingOptions()));
        var classifier = trainer.Fit("c1", "Sport", ["a", "b"], [.. features, .. features], ["a", "b", "a", "b"]).Classifier;
        var context = new DetectionContext { Classifiers = [classifier], Thresholds = new DetectionThresholds { MinSportConfidence = 0 } };

        var labels = Detector.DetectAsync(frame, context, CancellationToken.None).AsTask();
        var sport = new LocalSportDetector(fixture.Network).DetectAsync(frame, context, CancellationToken.None).AsTask();
        await Task.WhenAll(labels, sport);

        (await labels).Should().Contain(d => d.Name == "person");
        (await sport).Should().ContainSingle().Which.Id.Should().Be("c1");
        // The analysis is memoized on the frame: asking again must not compute anything.
        var again = await frame.SharedAsync<ObjectNetworkOutput>(CenterNetNetwork.SharedKey, _ => throw new InvalidOperationException("recomputed"), CancellationToken.None);
        again.Features.Should().HaveCount(480);
    }
}
