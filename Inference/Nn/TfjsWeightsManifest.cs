using System.Text.Json;

namespace Glance.Inference.Nn;

/// <summary>How one weight is stored in a shard: its TF.js dtype, and its quantization when it has one.</summary>
/// <param name="DataType">float32, int32, bool or float16.</param>
/// <param name="QuantizationType">uint8, uint16 or float16 when quantized, otherwise null.</param>
public sealed record TfjsWeightSpec(string Name, int[] Shape, string DataType, string? QuantizationType, float Scale, float Min)
{
    public int ElementCount => Tensor.ElementCount(Shape);
}

/// <summary>Weights stored together: the shard files (concatenated in order) and the weights laid out back to back.</summary>
public sealed record TfjsWeightGroup(IReadOnlyList<string> Paths, IReadOnlyList<TfjsWeightSpec> Weights);

/// <summary>
/// The weights manifest of a TF.js model: either a <c>*-weights_manifest.json</c> (a JSON array of groups) or the
/// <c>weightsManifest</c> of a <c>model.json</c>, whose <c>modelTopology</c> is kept verbatim for a graph executor.
/// Parsing does no I/O.
/// </summary>
public sealed record TfjsWeightsManifest(IReadOnlyList<TfjsWeightGroup> Groups, string? ModelTopologyJson, string? Format)
{
    private const int MaxWeights = 100_000;

    public static TfjsWeightsManifest Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 512 });
            var root = document.RootElement;
            return root.ValueKind switch
            {
                JsonValueKind.Array => new TfjsWeightsManifest(ParseGroups(root), null, null),
                JsonValueKind.Object when root.TryGetProperty("weightsManifest", out var manifest) => new TfjsWeightsManifest(
                    ParseGroups(manifest),
                    root.TryGetProperty("modelTopology", out var topology) ? topology.GetRawText() : null,
                    root.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String ? format.GetString() : null),
                _ => throw new TfjsWeightsException("Not a TF.js weights manifest: expected an array of groups or an object with 'weightsManifest'."),
            };
        }
        catch (JsonException error)
        {
            throw new TfjsWeightsException($"The weights manifest is not valid JSON: {error.Message}", error);
        }
    }

    private static List<TfjsWeightGroup> ParseGroups(JsonElement groups)
    {
        if (groups.ValueKind != JsonValueKind.Array)
        {
            throw new TfjsWeightsException("'weightsManifest' must be an array of groups.");
        }

        var result = new List<TfjsWeightGroup>();
        var count = 0;
        foreach (var group in groups.EnumerateArray())
        {
            var paths = RequiredArray(group, "paths", "group").EnumerateArray()
                .Select(p => p.ValueKind == JsonValueKind.String ? p.GetString()! : throw new TfjsWeightsException("A shard path is not a string."))
                .ToList();
            var weights = new List<TfjsWeightSpec>();
            foreach (var weight in RequiredArray(group, "weights", "group").EnumerateArray())
            {
                if (++count > MaxWeights)
                {
                    throw new TfjsWeightsException($"The manifest lists more than {MaxWeights} weights.");
                }

                weights.Add(ParseWeight(weight));
            }

            result.Add(new TfjsWeightGroup(paths, weights));
        }

        return result;
    }

    private static TfjsWeightSpec ParseWeight(JsonElement weight)
    {
        var name = RequiredString(weight, "name", "weight");
        var shape = RequiredArray(weight, "shape", $"weight '{name}'").EnumerateArray()
            .Select(d => d.TryGetInt32(out var value) && value >= 0 ? value : throw new TfjsWeightsException($"Weight '{name}' has a bad dimension."))
            .ToArray();
        var dataType = RequiredString(weight, "dtype", $"weight '{name}'");
        string? quantizationType = null;
        float scale = 1, min = 0;
        if (weight.TryGetProperty("quantization", out var quantization) && quantization.ValueKind == JsonValueKind.Object)
        {
            quantizationType = RequiredString(quantization, "dtype", $"the quantization of '{name}'");
            if (quantizationType is "uint8" or "uint16")
            {
                scale = quantization.TryGetProperty("scale", out var s) && s.TryGetSingle(out var sv) ? sv : throw new TfjsWeightsException($"'{name}' is quantized without a scale.");
                min = quantization.TryGetProperty("min", out var m) && m.TryGetSingle(out var mv) ? mv : throw new TfjsWeightsException($"'{name}' is quantized without a min.");
            }
            else if (quantizationType != "float16")
            {
                throw new TfjsWeightsException($"'{name}' uses quantization '{quantizationType}'; only uint8, uint16 and float16 are supported.");
            }
        }

        if (dataType is not ("float32" or "int32" or "bool" or "float16"))
        {
            throw new TfjsWeightsException($"'{name}' has dtype '{dataType}'; only float32, int32, bool and float16 are supported.");
        }

        try
        {
            _ = Tensor.ElementCount(shape);
        }
        catch (ArgumentException error)
        {
            throw new TfjsWeightsException($"'{name}': {error.Message}", error);
        }

        return new TfjsWeightSpec(name, shape, dataType, quantizationType, scale, min);
    }

    private static JsonElement RequiredArray(JsonElement element, string property, string owner) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
            ? value
            : throw new TfjsWeightsException($"The {owner} has no '{property}' array.");

    private static string RequiredString(JsonElement element, string property, string owner) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new TfjsWeightsException($"The {owner} has no '{property}' string.");
}
