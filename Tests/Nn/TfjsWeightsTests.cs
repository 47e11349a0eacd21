using System.Buffers.Binary;
using Glance.Inference.Nn;
using Glance.Tests.Faces;

namespace Glance.Tests.Nn;

public sealed class TfjsWeightsTests
{
    private const string LayersManifest = """
        [
          { "paths": ["a.bin", "b.bin"],
            "weights": [
              { "name": "q8", "shape": [2, 2], "dtype": "float32", "quantization": { "dtype": "uint8", "scale": 0.5, "min": -1 } },
              { "name": "raw", "shape": [2], "dtype": "float32" },
              { "name": "q16", "shape": [1], "dtype": "float32", "quantization": { "dtype": "uint16", "scale": 0.25, "min": 2 } }
            ] },
          { "paths": ["c.bin"],
            "weights": [
              { "name": "half", "shape": [2], "dtype": "float32", "quantization": { "dtype": "float16", "original_dtype": "float32" } },
              { "name": "ints", "shape": [3], "dtype": "int32" }
            ] }
        ]
        """;

    [Fact]
    public void Decodes_uint8_uint16_float16_float32_and_int32_across_shards()
    {
        var shards = Shards();

        var map = TfjsWeightDecoder.Decode(TfjsWeightsManifest.Parse(LayersManifest), path => shards[path], "test");

        map.Tensor("q8", 2, 2).ToArray().Should().Equal(-1f, -0.5f, 0f, 126.5f);
        map.Tensor("raw").ToArray().Should().Equal(3.25f, -7f);
        map.Tensor("q16").ToArray().Should().Equal(2f + (1000 * 0.25f));
        map.Tensor("half").ToArray().Should().Equal(1.5f, -0.25f);
        map.Integers("ints").Should().Equal(1, -2, 300);
    }

    [Fact]
    public void Reads_the_weights_manifest_of_a_graph_model_json_and_keeps_its_topology()
    {
        var json = $$"""{ "format": "graph-model", "modelTopology": { "node": [ { "name": "x" } ] }, "weightsManifest": {{LayersManifest}} }""";

        var manifest = TfjsWeightsManifest.Parse(json);

        manifest.Format.Should().Be("graph-model");
        manifest.ModelTopologyJson.Should().Contain("\"node\"");
        manifest.Groups.Should().HaveCount(2);
        manifest.Groups[0].Weights.Select(w => w.Name).Should().Equal("q8", "raw", "q16");
    }

    [Fact]
    public void A_short_shard_is_a_weights_error_naming_the_weight()
    {
        var shards = Shards();
        shards["c.bin"] = shards["c.bin"][..6];

        var act = () => TfjsWeightDecoder.Decode(TfjsWeightsManifest.Parse(LayersManifest), path => shards[path], "test");

        act.Should().Throw<TfjsWeightsException>().WithMessage("*'ints'*");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("not json")]
    [InlineData("""[{ "paths": ["a"], "weights": [{ "name": "s", "shape": [1], "dtype": "string" }] }]""")]
    [InlineData("""[{ "paths": ["a"], "weights": [{ "name": "n", "shape": [-1], "dtype": "float32" }] }]""")]
    public void Malformed_manifests_are_refused_with_a_weights_error(string json)
    {
        var act = () => TfjsWeightsManifest.Parse(json);

        act.Should().Throw<TfjsWeightsException>();
    }

    [Fact]
    public void Lookups_name_the_missing_weight_and_check_shapes()
    {
        var shards = Shards();
        var map = TfjsWeightDecoder.Decode(TfjsWeightsManifest.Parse(LayersManifest), path => shards[path], "model-x");

        map.Invoking(m => m.Tensor("nope")).Should().Throw<TfjsWeightsException>().WithMessage("model-x has no weight 'nope'.");
        map.Invoking(m => m.Tensor("q8", 4)).Should().Throw<TfjsWeightsException>().WithMessage("*[2, 2]*expected [4]*");
        map.Invoking(m => m.Tensor("ints")).Should().Throw<TfjsWeightsException>().WithMessage("*int32*");
    }

    [FaceModelsFact]
    public void Loads_the_shipped_face_api_detector_weights()
    {
        var path = Path.Combine(FaceModelFiles.ModelFolder, "tiny_face_detector_model-weights_manifest.json");

        var (_, weights) = TfjsWeightsLoader.Load(path);

        weights.Tensor("conv0/filters", 3, 3, 3, 16).Span.ToArray().Should().Contain(v => v != 0);
        weights.Tensor("conv8/bias", 25).Length.Should().Be(25);
    }

    [InstalledFileFact("node_modules/@vladmandic/human/models/centernet.json")]
    public void Loads_a_graph_model_json_with_float16_and_int32_weights()
    {
        var (manifest, weights) = TfjsWeightsLoader.Load(Path.Combine(FaceModelFiles.RepositoryRoot, "node_modules/@vladmandic/human/models/centernet.json"));

        manifest.Format.Should().Be("graph-model");
        manifest.ModelTopologyJson.Should().Contain("\"node\"");
        manifest.Groups.SelectMany(g => g.Weights).Should().Contain(w => w.QuantizationType == "float16");
        weights.Weights.Values.Should().Contain(w => w.DataType == "int32" && w.Integers != null);
        var floats = weights.Weights.Values.Where(w => w.IsFloat).SelectMany(w => w.Floats!).ToList();
        floats.Should().OnlyContain(v => float.IsFinite(v));
        floats.Should().Contain(v => v != 0);
    }

    private static Dictionary<string, byte[]> Shards()
    {
        // Group 1: q8 (4 bytes) + raw (8 bytes) + q16 (2 bytes), split unevenly over two files.
        var group1 = new byte[14];
        group1[0] = 0; group1[1] = 1; group1[2] = 2; group1[3] = 255;
        BinaryPrimitives.WriteSingleLittleEndian(group1.AsSpan(4), 3.25f);
        BinaryPrimitives.WriteSingleLittleEndian(group1.AsSpan(8), -7f);
        BinaryPrimitives.WriteUInt16LittleEndian(group1.AsSpan(12), 1000);
        var group2 = new byte[4 + 12];
        BinaryPrimitives.WriteUInt16LittleEndian(group2.AsSpan(0), BitConverter.HalfToUInt16Bits((Half)1.5f));
        BinaryPrimitives.WriteUInt16LittleEndian(group2.AsSpan(2), BitConverter.HalfToUInt16Bits((Half)(-0.25f)));
        BinaryPrimitives.WriteInt32LittleEndian(group2.AsSpan(4), 1);
        BinaryPrimitives.WriteInt32LittleEndian(group2.AsSpan(8), -2);
        BinaryPrimitives.WriteInt32LittleEndian(group2.AsSpan(12), 300);
        return new Dictionary<string, byte[]> { ["a.bin"] = group1[..5], ["b.bin"] = group1[5..], ["c.bin"] = group2 };
    }
}
