namespace Glance.Inference.Graph;

/// <summary>
/// One node of a TF.js graph model: its op, its inputs and its attributes, with typed accessors that fail with a
/// <see cref="GraphModelException"/> naming the node and attribute.
/// </summary>
public sealed record GraphNode(string Name, string Op, IReadOnlyList<GraphInputReference> Inputs, IReadOnlyDictionary<string, GraphAttribute> Attributes)
{
    /// <summary>The data inputs (control inputs only order execution and are left out).</summary>
    public IEnumerable<GraphInputReference> DataInputs => Inputs.Where(i => !i.IsControl);

    public bool HasAttribute(string name) => Attributes.ContainsKey(name);

    public string GetString(string name, string? fallback = null) =>
        Find(name)?.String ?? fallback ?? throw Missing(name, "a string");

    public long GetInt(string name, long? fallback = null) =>
        Find(name)?.Int ?? fallback ?? throw Missing(name, "an integer");

    public float GetFloat(string name, float? fallback = null) =>
        Find(name)?.Float ?? fallback ?? throw Missing(name, "a float");

    public bool GetBool(string name, bool? fallback = null) =>
        Find(name)?.Bool ?? fallback ?? throw Missing(name, "a bool");

    public string GetTypeName(string name, string? fallback = null) =>
        Find(name)?.Type ?? fallback ?? throw Missing(name, "a type");

    /// <summary>An integer list; an absent attribute or an empty list gives <paramref name="fallback"/> when one is given.</summary>
    public IReadOnlyList<long> GetInts(string name, IReadOnlyList<long>? fallback = null)
    {
        var attribute = Find(name);
        if (attribute?.Ints is { Count: > 0 } values)
        {
            return values;
        }

        return fallback ?? attribute?.Ints ?? throw Missing(name, "an integer list");
    }

    public IReadOnlyList<string> GetStrings(string name) => Find(name)?.Strings ?? [];

    public GraphModelException Error(string message) => new($"Node '{Name}' ({Op}): {message}");

    private GraphAttribute? Find(string name) => Attributes.TryGetValue(name, out var value) ? value : null;

    private GraphModelException Missing(string name, string expected) =>
        Attributes.TryGetValue(name, out var value)
            ? Error($"attribute '{name}' is {value.Describe()}, expected {expected}.")
            : Error($"attribute '{name}' is missing.");
}
