using Glance.Detection.Local.Objects;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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

    [ObjectModelFact]
    public void The_engine_setting_selects_the_graph_executor()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Detection:Local:Objects:Engine"] = "Graph",
            ["Detection:Local:Objects:CenterNetModelPath"] = ObjectTestFiles.CenterNetModel,
        }).Build();
        using var provider = new ServiceCollection().AddLocalObjectDetection(configuration).BuildServiceProvider();

        provider.GetRequiredService<CenterNetNetwork>().Engine.Should().Be(ObjectEngine.Graph);
    }

    [Fact]
    public void An_unknown_engine_is_refused_naming_the_setting()
    {
        var load = () => CenterNetNetwork.Load(ObjectTestFiles.CenterNetModel, (ObjectEngine)7);

        load.Should().Throw<ObjectModelException>().WithMessage("*Detection:Local:Objects:Engine*OnnxRuntime, Graph*");
    }

    [ObjectModelTheory]
    [MemberData(nameof(ImageNames))]
    public async Task Onnx_runtime_gives_the_graph_executors_candidates_and_features(string name)
    {
        var (_, image) = await fixture.DecodeReferenceAsync(Reference, name);

        var onnx = fixture.Network.Analyze(image);
        var graph = fixture.GraphNetwork.Analyze(image);

        var worstFeature = CenterNetComparison.FeaturesShouldMatch(onnx.Features, graph.Features);
        // The last places of the top-k may differ among near-ties, so only confident candidates must all have twins.
        onnx.Candidates.Should().HaveCount(graph.Candidates.Count);
        var (worstScore, worstCorner) = CenterNetComparison.EachHasATwin(graph.Candidates.Where(c => c.Score > 0.05f), onnx.Candidates, 1e-3f, "ONNX Runtime");

        var settings = Reference.PostProcessing;
        var onnxObjects = CenterNetDecoder.Decode(onnx.Candidates, settings.MinConfidence, settings.MaxDetected, settings.IouThreshold);
        var graphObjects = CenterNetDecoder.Decode(graph.Candidates, settings.MinConfidence, settings.MaxDetected, settings.IouThreshold);
        onnxObjects.Select(o => o.Label).Should().Equal(graphObjects.Select(o => o.Label), "the same objects in the same order");
        output.WriteLine($"{name}: largest differences, ONNX Runtime vs graph executor: feature {worstFeature:E2}, candidate score {worstScore:E2}, box corner {worstCorner:E2} px");
    }
}
