using System.Text;
using System.Text.Json.Nodes;
using Glance.Inference.Nn;
using Glance.Inference.Graph;

namespace Glance.Tests.Objects;

/// <summary>Builds small TF.js graph models in memory (model.json text plus one weight shard) for executor tests.</summary>
internal sealed class TestGraph
{
    private readonly JsonArray nodes = [];
    private readonly JsonArray weightSpecs = [];
    private readonly MemoryStream shard = new();

    public string Placeholder(string name, params int[] shape)
    {
        var dims = new JsonArray(shape.Select(d => (JsonNode)new JsonObject { ["size"] = d.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ToArray());
        nodes.Add(new JsonObject
        {
            ["name"] = name,
            ["op"] = "Placeholder",
            ["attr"] = new JsonObject { ["dtype"] = Attr.Type("DT_FLOAT"), ["shape"] = new JsonObject { ["shape"] = new JsonObject { ["dim"] = dims } } },
        });
        return name;
    }

    public string Const(string name, float[] values, params int[] shape)
    {
        foreach (var v in values)
        {
            shard.Write(BitConverter.GetBytes(v));
        }

        return AddConst(name, "float32", "DT_FLOAT", shape);
    }

    public string Ints(string name, int[] values, params int[] shape)
    {
        foreach (var v in values)
        {
            shard.Write(BitConverter.GetBytes(v));
        }

        return AddConst(name, "int32", "DT_INT32", shape);
    }

    public string Scalar(string name, float value) => Const(name, [value]);

    public string Node(string name, string op, string[] inputs, params (string Key, JsonNode Value)[] attributes)
    {
        var attr = new JsonObject();
        foreach (var (key, value) in attributes)
        {
            attr[key] = value;
        }

        nodes.Add(new JsonObject
        {
            ["name"] = name,
            ["op"] = op,
            ["input"] = new JsonArray(inputs.Select(i => (JsonNode)JsonValue.Create(i)).ToArray()),
            ["attr"] = attr,
        });
        return name;
    }

    public string ModelJson() => new JsonObject
    {
        ["format"] = "graph-model",
        ["modelTopology"] = new JsonObject { ["node"] = nodes.DeepClone() },
        ["weightsManifest"] = new JsonArray(new JsonObject { ["paths"] = new JsonArray("w.bin"), ["weights"] = weightSpecs.DeepClone() }),
    }.ToJsonString();

    public GraphExecutor Build()
    {
        var (manifest, weights) = Decode();
        return GraphExecutor.Create(manifest, weights);
    }

    /// <summary>The parsed topology and decoded weights, as a converter reads them.</summary>
    public (GraphTopology Topology, TfjsWeightMap Weights) Parse()
    {
        var (manifest, weights) = Decode();
        return (GraphTopology.Parse(manifest.ModelTopologyJson!), weights);
    }

    private (TfjsWeightsManifest Manifest, TfjsWeightMap Weights) Decode()
    {
        var manifest = TfjsWeightsManifest.Parse(ModelJson());
        var bytes = shard.ToArray();
        return (manifest, TfjsWeightDecoder.Decode(manifest, _ => bytes, "test graph"));
    }

    private string AddConst(string name, string dtype, string tfType, int[] shape)
    {
        weightSpecs.Add(new JsonObject { ["name"] = name, ["shape"] = new JsonArray(shape.Select(d => (JsonNode)JsonValue.Create(d)).ToArray()), ["dtype"] = dtype });
        nodes.Add(new JsonObject { ["name"] = name, ["op"] = "Const", ["attr"] = new JsonObject { ["dtype"] = Attr.Type(tfType) } });
        return name;
    }
}

/// <summary>AttrValue JSON as the TF.js converter writes it.</summary>
internal static class Attr
{
    public static JsonNode S(string value) => new JsonObject { ["s"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value)) };

    public static JsonNode I(long value) => new JsonObject { ["i"] = value.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    public static JsonNode F(float value) => new JsonObject { ["f"] = value };

    public static JsonNode B(bool value) => new JsonObject { ["b"] = value };

    public static JsonNode Type(string value) => new JsonObject { ["type"] = value };

    public static JsonNode Ints(params long[] values) =>
        new JsonObject { ["list"] = new JsonObject { ["i"] = new JsonArray(values.Select(v => (JsonNode)JsonValue.Create(v.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray()) } };

    public static JsonNode Strings(params string[] values) =>
        new JsonObject { ["list"] = new JsonObject { ["s"] = new JsonArray(values.Select(v => (JsonNode)JsonValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(v)))).ToArray()) } };
}

internal static class GraphRuns
{
    /// <summary>Runs one output from one float input and returns (shape, values).</summary>
    public static (int[] Shape, float[] Values) RunFloat(this GraphExecutor executor, string input, float[] data, int[] shape, string output)
    {
        using var result = executor.Run(new Dictionary<string, GraphValue> { [input] = GraphValue.FromFloats(data, shape) }, [output]).Single();
        return (result.Shape, result.ToFloatArray());
    }

    public static GraphValue[] RunAll(this GraphExecutor executor, string input, float[] data, int[] shape, params string[] outputs) =>
        executor.Run(new Dictionary<string, GraphValue> { [input] = GraphValue.FromFloats(data, shape) }, outputs);
}
