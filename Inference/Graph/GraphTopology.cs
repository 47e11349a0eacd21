using System.Globalization;
using System.Text;
using System.Text.Json;
namespace Glance.Inference.Graph;

/// <summary>
/// The node list of a TF.js graph model (<c>modelTopology.node</c> in model.json). Parsing does no I/O and bounds
/// what it reads: node count, inputs per node, attribute list lengths.
/// </summary>
public sealed class GraphTopology
{
    private const int MaxNodes = 100_000;
    private const int MaxInputsPerNode = 1_024;
    private const int MaxListLength = 65_536;

    private GraphTopology(IReadOnlyList<GraphNode> nodes)
    {
        Nodes = nodes;
        ByName = nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
    }

    public IReadOnlyList<GraphNode> Nodes { get; }

    public IReadOnlyDictionary<string, GraphNode> ByName { get; }

    /// <summary>
    /// The nodes <paramref name="outputs"/> need when the nodes named in <paramref name="fed"/> are computed elsewhere:
    /// those become float placeholders of any shape, and nothing above them is kept. Lets the graph executor run the
    /// rest of a graph whose first part another engine ran.
    /// </summary>
    public IReadOnlyList<GraphNode> Below(IReadOnlyCollection<string> fed, IReadOnlyCollection<string> outputs)
    {
        ArgumentNullException.ThrowIfNull(fed);
        ArgumentNullException.ThrowIfNull(outputs);
        var fedNames = new HashSet<string>(fed, StringComparer.Ordinal);
        var needed = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(outputs.Select(o => GraphInputReference.Parse(o, "output request").NodeName));
        while (pending.Count > 0)
        {
            var name = pending.Pop();
            if (!needed.Add(name) || fedNames.Contains(name))
            {
                continue;
            }

            if (!ByName.TryGetValue(name, out var node))
            {
                throw new GraphModelException($"'{name}' is not a node of the graph.");
            }

            foreach (var input in node.Inputs)
            {
                pending.Push(input.NodeName);
            }
        }

        var floatType = new Dictionary<string, GraphAttribute>(StringComparer.Ordinal) { ["dtype"] = new GraphAttribute { Type = "DT_FLOAT" } };
        return Nodes
            .Where(n => needed.Contains(n.Name))
            .Select(n => fedNames.Contains(n.Name) ? new GraphNode(n.Name, "Placeholder", [], floatType) : n)
            .ToList();
    }

    /// <summary>The topology of a graph model's manifest; refuses a manifest of another kind (a layers model).</summary>
    /// <param name="source">Where the manifest came from, for the error.</param>
    public static GraphTopology Of(TfjsWeightsManifest manifest, string source)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (manifest.ModelTopologyJson is null || (manifest.Format is { } format && format != "graph-model"))
        {
            throw new GraphModelException($"{source} is not a TF.js graph model (format '{manifest.Format ?? "none"}').");
        }

        return Parse(manifest.ModelTopologyJson);
    }

    /// <param name="modelTopologyJson">The <c>modelTopology</c> object of a graph model.json.</param>
    public static GraphTopology Parse(string modelTopologyJson)
    {
        ArgumentNullException.ThrowIfNull(modelTopologyJson);
        try
        {
            using var document = JsonDocument.Parse(modelTopologyJson, new JsonDocumentOptions { MaxDepth = 256 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("node", out var nodeArray) || nodeArray.ValueKind != JsonValueKind.Array)
            {
                throw new GraphModelException("The model topology has no 'node' array: not a TF.js graph model.");
            }

            var nodes = new List<GraphNode>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var element in nodeArray.EnumerateArray())
            {
                if (nodes.Count >= MaxNodes)
                {
                    throw new GraphModelException($"The graph has more than {MaxNodes} nodes.");
                }

                var node = ParseNode(element, nodes.Count);
                if (!names.Add(node.Name))
                {
                    throw new GraphModelException($"The graph has two nodes named '{node.Name}'.");
                }

                nodes.Add(node);
            }

            return new GraphTopology(nodes);
        }
        catch (JsonException error)
        {
            throw new GraphModelException($"The model topology is not valid JSON: {error.Message}", error);
        }
    }

    private static GraphNode ParseNode(JsonElement element, int index)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new GraphModelException($"Node #{index} is not an object.");
        }

        var name = element.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : throw new GraphModelException($"Node #{index} has no name.");
        var op = element.TryGetProperty("op", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString()! : throw new GraphModelException($"Node '{name}' has no op.");
        var inputs = new List<GraphInputReference>();
        if (element.TryGetProperty("input", out var inputArray))
        {
            if (inputArray.ValueKind != JsonValueKind.Array)
            {
                throw new GraphModelException($"Node '{name}': 'input' is not an array.");
            }

            foreach (var input in inputArray.EnumerateArray())
            {
                if (inputs.Count >= MaxInputsPerNode)
                {
                    throw new GraphModelException($"Node '{name}' has more than {MaxInputsPerNode} inputs.");
                }

                inputs.Add(GraphInputReference.Parse(input.ValueKind == JsonValueKind.String ? input.GetString()! : string.Empty, name));
            }
        }

        var attributes = new Dictionary<string, GraphAttribute>(StringComparer.Ordinal);
        if (element.TryGetProperty("attr", out var attrObject) && attrObject.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in attrObject.EnumerateObject())
            {
                attributes[property.Name] = ParseAttribute(property.Value, name, property.Name);
            }
        }

        return new GraphNode(name, op, inputs, attributes);
    }

    private static GraphAttribute ParseAttribute(JsonElement value, string node, string attribute)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new GraphModelException($"Node '{node}': attribute '{attribute}' is not an object.");
        }

        foreach (var property in value.EnumerateObject())
        {
            var v = property.Value;
            switch (property.Name)
            {
                case "s":
                    return new GraphAttribute { String = DecodeString(v, node, attribute) };
                case "i":
                    return new GraphAttribute { Int = ReadLong(v, node, attribute) };
                case "f":
                    return new GraphAttribute { Float = ReadFloat(v, node, attribute) };
                case "b":
                    return new GraphAttribute { Bool = v.ValueKind == JsonValueKind.True || (v.ValueKind == JsonValueKind.False ? false : throw Bad(node, attribute, "a bool")) };
                case "type":
                    return new GraphAttribute { Type = v.ValueKind == JsonValueKind.String ? v.GetString() : throw Bad(node, attribute, "a type name") };
                case "list":
                    return ParseList(v, node, attribute);
                case "shape":
                    return new GraphAttribute { Shape = ParseShape(v, node, attribute) };
            }
        }

        // "shape", "tensor", "func" and empty values: present, but no supported op reads them.
        return new GraphAttribute();
    }

    private static GraphAttribute ParseList(JsonElement list, string node, string attribute)
    {
        if (list.ValueKind != JsonValueKind.Object)
        {
            throw Bad(node, attribute, "a list object");
        }

        if (list.TryGetProperty("i", out var ints))
        {
            return new GraphAttribute { Ints = ReadArray(ints, node, attribute).Select(e => ReadLong(e, node, attribute)).ToList() };
        }

        if (list.TryGetProperty("s", out var strings))
        {
            return new GraphAttribute { Strings = ReadArray(strings, node, attribute).Select(e => DecodeString(e, node, attribute)).ToList() };
        }

        if (list.TryGetProperty("f", out var floats))
        {
            return new GraphAttribute { Floats = ReadArray(floats, node, attribute).Select(e => ReadFloat(e, node, attribute)).ToList() };
        }

        // An empty list ("list": {}) or a list of shapes/types: an empty integer list reads as "not given".
        return new GraphAttribute { Ints = [] };
    }

    private static List<int>? ParseShape(JsonElement shape, string node, string attribute)
    {
        if (shape.ValueKind != JsonValueKind.Object || (shape.TryGetProperty("unknownRank", out var unknown) && unknown.ValueKind == JsonValueKind.True))
        {
            return null;
        }

        if (!shape.TryGetProperty("dim", out var dims))
        {
            return [];
        }

        return ReadArray(dims, node, attribute)
            .Select(d => d.ValueKind == JsonValueKind.Object && d.TryGetProperty("size", out var size) ? (int)Math.Clamp(ReadLong(size, node, attribute), -1, int.MaxValue) : -1)
            .ToList();
    }

    private static IEnumerable<JsonElement> ReadArray(JsonElement array, string node, string attribute)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw Bad(node, attribute, "an array");
        }

        if (array.GetArrayLength() > MaxListLength)
        {
            throw new GraphModelException($"Node '{node}': attribute '{attribute}' lists more than {MaxListLength} values.");
        }

        return array.EnumerateArray();
    }

    private static string DecodeString(JsonElement value, string node, string attribute)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw Bad(node, attribute, "a base64 string");
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(value.GetString()!));
        }
        catch (FormatException error)
        {
            throw new GraphModelException($"Node '{node}': attribute '{attribute}' is not valid base64.", error);
        }
    }

    // Protobuf JSON writes int64 as a string, floats as numbers (or "NaN"/"Infinity" strings).
    private static long ReadLong(JsonElement value, string node, string attribute) => value.ValueKind switch
    {
        JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
        JsonValueKind.Number when value.TryGetInt64(out var number) => number,
        _ => throw Bad(node, attribute, "an integer"),
    };

    private static float ReadFloat(JsonElement value, string node, string attribute) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetSingle(),
        JsonValueKind.String when float.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw Bad(node, attribute, "a float"),
    };

    private static GraphModelException Bad(string node, string attribute, string expected) =>
        new($"Node '{node}': attribute '{attribute}' is not {expected}.");
}
