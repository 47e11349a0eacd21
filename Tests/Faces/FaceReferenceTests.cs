using System.Text.Json;
using Glance.Detection.Local.Faces;

namespace Glance.Tests.Faces;

/// <summary>
/// The C# networks against outputs of the original JavaScript implementation (face-api 1.7.15 on TF.js's CPU
/// backend), generated once by tools/reference/faces.mjs into Tests/Fixtures/Faces/reference.json.
/// </summary>
public sealed class FaceReferenceTests
{
    private static readonly Lazy<JsonDocument> Reference = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(FaceModelFiles.FixtureFolder, "reference.json"))));

    private static int MaxLongSide => Reference.Value.RootElement.GetProperty("decode").GetProperty("maxLongSide").GetInt32();

    [FaceModelsFact]
    public async Task Detector_finds_the_same_boxes_and_scores_as_face_api()
    {
        var detector = FaceModelsFixture.Models.Detector;
        var compared = 0;
        foreach (var expectedImage in Reference.Value.RootElement.GetProperty("images").EnumerateArray())
        {
            var name = expectedImage.GetProperty("image").GetString()!;
            var image = await FaceModelsFixture.DecodeAsync(Path.Combine(FaceModelFiles.DemoFolder, name), MaxLongSide);
            image.Width.Should().Be(expectedImage.GetProperty("width").GetInt32());

            var faces = detector.Detect(image);

            var expectedFaces = expectedImage.GetProperty("faces").EnumerateArray().ToList();
            faces.Should().HaveCount(expectedFaces.Count, $"face-api finds {expectedFaces.Count} faces in {name}");
            foreach (var expected in expectedFaces)
            {
                var box = expected.GetProperty("box").EnumerateArray().Select(v => v.GetDouble()).ToArray();
                var nearest = faces.MinBy(f => Math.Abs(f.X - box[0]) + Math.Abs(f.Y - box[1]));
                nearest!.X.Should().BeApproximately(box[0], 0.1, name);
                nearest.Y.Should().BeApproximately(box[1], 0.1, name);
                nearest.Width.Should().BeApproximately(box[2], 0.1, name);
                nearest.Height.Should().BeApproximately(box[3], 0.1, name);
                nearest.Score.Should().BeApproximately(expected.GetProperty("score").GetSingle(), 1e-4f, name);
                compared++;
            }
        }

        compared.Should().BeGreaterThan(10);
    }

    [FaceModelsFact]
    public async Task Landmarks_of_a_given_crop_match_face_api_within_a_twentieth_of_a_pixel()
    {
        var net = FaceModelsFixture.Models.Landmarks;
        var worst = 0.0;
        foreach (var expectedImage in Reference.Value.RootElement.GetProperty("images").EnumerateArray())
        {
            var name = expectedImage.GetProperty("image").GetString()!;
            var image = await FaceModelsFixture.DecodeAsync(Path.Combine(FaceModelFiles.DemoFolder, name), MaxLongSide);
            foreach (var expected in expectedImage.GetProperty("faces").EnumerateArray())
            {
                var crop = expected.GetProperty("crop").EnumerateArray().Select(v => v.GetInt32()).ToArray();
                var region = new PixelRegion(crop[0], crop[1], crop[2], crop[3]);
                var points = expected.GetProperty("landmarks").EnumerateArray().Select(v => v.GetDouble()).ToArray();

                var landmarks = net.Detect(image, region);

                for (var i = 0; i < FaceLandmarks.Count; i++)
                {
                    worst = Math.Max(worst, Math.Abs(landmarks.Coordinates[2 * i] - region.X - points[2 * i]));
                    worst = Math.Max(worst, Math.Abs(landmarks.Coordinates[(2 * i) + 1] - region.Y - points[(2 * i) + 1]));
                }
            }
        }

        worst.Should().BeLessThan(0.05);
    }

    [FaceModelsFact]
    public void Descriptors_of_the_same_input_match_face_api()
    {
        var net = FaceModelsFixture.Models.Recognition;
        var chips = Reference.Value.RootElement.GetProperty("descriptors").EnumerateArray().ToList();
        chips.Should().HaveCountGreaterThan(1);
        var inputs = chips.Select(c => Convert.FromBase64String(c.GetProperty("rgb150").GetString()!).Select(b => (float)b).ToArray()).ToList();

        var batched = net.Describe(inputs);

        for (var c = 0; c < chips.Count; c++)
        {
            var expected = chips[c].GetProperty("descriptor").EnumerateArray().Select(v => v.GetSingle()).ToArray();
            var descriptor = net.Describe(inputs[c]);

            descriptor.Should().HaveCount(128);
            FaceGallery.Distance(batched[c], descriptor).Should().BeLessThan(1e-5, "a batch gives each face the descriptor it gets alone");
            FaceGallery.Distance(descriptor, expected).Should().BeLessThan(1e-4);
            for (var i = 0; i < expected.Length; i++)
            {
                descriptor[i].Should().BeApproximately(expected[i], 1e-4f + (1e-3f * Math.Abs(expected[i])));
            }
        }
    }
}
