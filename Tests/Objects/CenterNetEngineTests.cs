using Glance.Detection.Local.Objects;
using Xunit.Abstractions;

namespace Glance.Tests.Objects;

/// <summary>
/// CenterNet on ONNX Runtime (the body converted from the TF.js graph) against the whole graph on the C# executor, on
/// the reference photos: the same candidates and features within float rounding, and the same objects after
/// suppression. Both run float32 with the same weights; they differ only in summation order.
/// </summary>
[Collection(CenterNetCollection.Name)]
public sealed class CenterNetEngineTests(CenterNetFixture fixture, ITestOutputHelper output)
{
    private static readonly ObjectReference Reference = ObjectReference.Load();

    public static TheoryData<string> ImageNames() => CenterNetReferenceTests.ImageNames();

    [ObjectModelFact]
    public void Hosts_run_the_network_on_onnx_runtime_by_default()
    {
        new ObjectDetectionOptions().Engine.Should().Be(ObjectEngine.OnnxRuntime);
        fixture.Network.Engine.Should().Be(ObjectEngine.OnnxRuntime);
        fixture.GraphNetwork.Engine.Should().Be(ObjectEngine.Graph);
    }

    [ObjectModelTheory]
    [MemberData(nameof(ImageNames))]
    public async Task Onnx_runtime_gives_the_graph_executors_candidates_and_features(string name)
    {
        var reference = Reference.Images.Single(i => i.Name == name);
        var image = await fixture.DecodeAsync(ObjectTestFiles.Photo(reference.Source, reference.Name));

        var onnx = fixture.Network.Analyze(image);
        var graph = fixture.GraphNetwork.Analyze(image);

        onnx.Features.Should().HaveCount(graph.Features.Length);
        var worstFeature = 0f;
        for (var i = 0; i < graph.Features.Length; i++)
        {
            onnx.Features[i].Should().BeApproximately(graph.Features[i], 1e-4f + (1e-4f * Math.Abs(graph.Features[i])), $"feature {i}");
            worstFeature = Math.Max(worstFeature, Math.Abs(onnx.Features[i] - graph.Features[i]));
        }

        // Matched by value rather than by rank: candidates with nearly equal scores may swap places, and the last
        // places of the top-k may differ among near-ties, so only confident candidates must all have twins.
        onnx.Candidates.Should().HaveCount(graph.Candidates.Count);
        var unmatched = onnx.Candidates.ToList();
        var (worstScore, worstCorner) = (0f, 0f);
        foreach (var expected in graph.Candidates.Where(c => c.Score > 0.05f))
        {
            var twin = unmatched.FirstOrDefault(c =>
                c.ClassId == expected.ClassId && Math.Abs(c.Score - expected.Score) < 1e-3f &&
                Math.Abs(c.X1 - expected.X1) < 0.05f && Math.Abs(c.Y1 - expected.Y1) < 0.05f &&
                Math.Abs(c.X2 - expected.X2) < 0.05f && Math.Abs(c.Y2 - expected.Y2) < 0.05f);
            twin.Should().NotBe(default(CenterNetCandidate), $"the graph executor's candidate {expected} should have an ONNX Runtime twin");
            unmatched.Remove(twin);
            worstScore = Math.Max(worstScore, Math.Abs(twin.Score - expected.Score));
            worstCorner = Math.Max(worstCorner, new[] { twin.X1 - expected.X1, twin.Y1 - expected.Y1, twin.X2 - expected.X2, twin.Y2 - expected.Y2 }.Max(Math.Abs));
        }

        var settings = Reference.PostProcessing;
        var onnxObjects = CenterNetDecoder.Decode(onnx.Candidates, settings.MinConfidence, settings.MaxDetected, settings.IouThreshold);
        var graphObjects = CenterNetDecoder.Decode(graph.Candidates, settings.MinConfidence, settings.MaxDetected, settings.IouThreshold);
        onnxObjects.Select(o => o.Label).Should().Equal(graphObjects.Select(o => o.Label), "the same objects in the same order");
        output.WriteLine($"{name}: largest differences, ONNX Runtime vs graph executor: feature {worstFeature:E2}, candidate score {worstScore:E2}, box corner {worstCorner:E2} px");
    }
}
