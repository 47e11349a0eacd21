using Glance.Detection.Local.Objects;
using Glance.Inference.Graph;
using Xunit.Abstractions;

namespace Glance.Tests.Objects;

/// <summary>
/// The C# graph executor against TF.js (CPU backend) running the same CenterNet model on the same pixels
/// (reference.json from tools/reference/objects.mjs). Both widen the same float16 weights to float32 and differ only in
/// float32 summation order: measured differences are at the JSON's rounding (features ~5e-6, scores ~5e-5, box corners
/// ~1e-3 px); the tolerances leave a 10-20x margin for CPUs without FMA.
/// </summary>
[Collection(CenterNetCollection.Name)]
public sealed class CenterNetReferenceTests(CenterNetFixture fixture, ITestOutputHelper output)
{
    private static readonly ObjectReference Reference = ObjectReference.Load();

    public static TheoryData<string> ImageNames()
    {
        var data = new TheoryData<string>();
        foreach (var image in ObjectReference.Load().Images)
        {
            data.Add(image.Name);
        }

        return data;
    }

    [ObjectModelFact]
    public void The_reference_was_made_with_the_expected_model_and_settings()
    {
        Reference.Images.Should().HaveCountGreaterThanOrEqualTo(5);
        Reference.FeatureNode.Should().Be(CenterNetNetwork.FeatureNode);
        Reference.PostProcessing.Should().Be(new ObjectReferencePostProcessing(10, 0.4f, 0.2f));
    }

    [ObjectModelTheory]
    [MemberData(nameof(ImageNames))]
    public async Task Resized_input_matches_tfjs_resize_bilinear(string name)
    {
        var (reference, image) = await fixture.DecodeReferenceAsync(Reference, name);
        image.Width.Should().Be(reference.Width);
        image.Height.Should().Be(reference.Height);
        var input = new float[CenterNetNetwork.InputSize * CenterNetNetwork.InputSize * 3];
        NetworkInputResizer.Resize(image, CenterNetNetwork.InputSize, input);
        foreach (var sample in reference.ResizedSamples)
        {
            input[(int)sample[0]].Should().BeApproximately((float)sample[1], 1e-3f, $"resized value #{sample[0]}");
        }
    }

    [ObjectModelTheory]
    [MemberData(nameof(ImageNames))]
    public async Task Raw_outputs_match_tfjs(string name)
    {
        var (reference, image) = await fixture.DecodeReferenceAsync(Reference, name);
        var input = new float[CenterNetNetwork.InputSize * CenterNetNetwork.InputSize * 3];
        NetworkInputResizer.Resize(image, CenterNetNetwork.InputSize, input);
        var feeds = new Dictionary<string, GraphValue> { [CenterNetNetwork.InputNode] = GraphValue.FromFloats(input, 1, 512, 512, 3) };
        var outputs = fixture.GraphNetwork.Executor!.Run(feeds, ["tower_0/keypoints", "tower_0/wh", Reference.HeadNode]);
        try
        {
            var keypoints = outputs[0].Floats;
            foreach (var sample in reference.KeypointSamples)
            {
                keypoints[(int)sample[0]].Should().BeApproximately((float)sample[1], 5e-4f, $"keypoint heatmap value #{sample[0]}");
            }

            var sum = 0.0;
            foreach (var v in keypoints)
            {
                sum += v;
            }

            sum.Should().BeApproximately(reference.KeypointSum, 0.05 + (Math.Abs(reference.KeypointSum) * 1e-5), "the heatmap's sum");
            var wh = outputs[1].Floats;
            foreach (var sample in reference.WhSamples)
            {
                wh[(int)sample[0]].Should().BeApproximately((float)sample[1], 0.02f, $"box extent #{sample[0]} (pixels)");
            }

            var head = outputs[2].Floats;
            head.Length.Should().Be(reference.HeadMean.Length);
            for (var i = 0; i < head.Length; i++)
            {
                head[i].Should().BeApproximately(reference.HeadMean[i], 1e-4f + (1e-4f * Math.Abs(reference.HeadMean[i])), $"head channel mean {i}");
            }
        }
        finally
        {
            foreach (var output in outputs)
            {
                output.Dispose();
            }
        }
    }

    [ObjectModelTheory]
    [MemberData(nameof(ImageNames))]
    public async Task Detection_candidates_and_backbone_features_match_tfjs(string name)
    {
        var (reference, image) = await fixture.DecodeReferenceAsync(Reference, name);
        var analysis = fixture.Network.Analyze(image);

        var worstFeature = CenterNetComparison.FeaturesShouldMatch(analysis.Features, reference.Features);
        // Every candidate TF.js scores above 0.1 has a C# twin: same class, score and box corners within float tolerance.
        var expected = reference.Detections.Where(r => r[4] > 0.1f).Select(r => new CenterNetCandidate(r[0], r[1], r[2], r[3], r[4], (int)r[5]));
        var (worstScore, worstCorner) = CenterNetComparison.EachHasATwin(expected, analysis.Candidates, 5e-4f, "C#");

        output.WriteLine($"{name}: largest differences from TF.js: feature {worstFeature:E2}, candidate score {worstScore:E2}, box corner {worstCorner:E2} px");
    }

    [ObjectModelTheory]
    [MemberData(nameof(ImageNames))]
    public async Task Objects_after_suppression_match_human(string name)
    {
        var (reference, image) = await fixture.DecodeReferenceAsync(Reference, name);
        var settings = Reference.PostProcessing;
        var objects = CenterNetDecoder.Decode(fixture.Network.Analyze(image).Candidates, settings.MinConfidence, settings.MaxDetected, settings.IouThreshold);

        objects.Select(o => o.ClassId).Should().Equal(reference.Objects.Select(o => o.ClassId), "the same objects in the same order");
        for (var i = 0; i < objects.Count; i++)
        {
            var expected = reference.Objects[i];
            // human truncates scores to two decimals.
            objects[i].Score.Should().BeInRange(expected.Score - 0.002f, expected.Score + 0.012f);
            var box = objects[i].Box;
            var raw = expected.BoxRaw;
            // human does not clip boxes to the frame; ours are clipped, so compare the clipped reference.
            var left = Math.Clamp(raw[0], 0, 1);
            var top = Math.Clamp(raw[1], 0, 1);
            box.X.Should().BeApproximately(left, 2e-3);
            box.Y.Should().BeApproximately(top, 2e-3);
            box.Width.Should().BeApproximately(Math.Clamp(raw[0] + raw[2], 0, 1) - left, 2e-3);
            box.Height.Should().BeApproximately(Math.Clamp(raw[1] + raw[3], 0, 1) - top, 2e-3);
            objects[i].Label.Should().Be(CocoLabels.NameOf(expected.ClassId));
        }
    }
}
