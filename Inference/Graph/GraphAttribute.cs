namespace Glance.Inference.Graph;

/// <summary>
/// One attribute of a node as TF.js model.json stores it (a protobuf AttrValue in JSON): a string (base64 in the
/// file, decoded here), an integer, a float, a bool, a data type, a shape, or a list of one of those. Tensor-valued
/// attributes are kept as present-but-opaque: TF.js stores constants in the weight shards instead.
/// </summary>
public sealed record GraphAttribute
{
    public string? String { get; init; }

    public long? Int { get; init; }

    public float? Float { get; init; }

    public bool? Bool { get; init; }

    /// <summary>A TensorFlow type name such as DT_FLOAT.</summary>
    public string? Type { get; init; }

    public IReadOnlyList<long>? Ints { get; init; }

    public IReadOnlyList<string>? Strings { get; init; }

    public IReadOnlyList<float>? Floats { get; init; }

    /// <summary>A tensor shape (-1 for an unknown dimension); null when the attribute is not a shape or the rank is unknown.</summary>
    public IReadOnlyList<int>? Shape { get; init; }

    /// <summary>What kind of value the attribute holds, for error messages.</summary>
    public string Describe() =>
        String is not null ? "a string" :
        Int is not null ? "an integer" :
        Float is not null ? "a float" :
        Bool is not null ? "a bool" :
        Type is not null ? "a type" :
        Ints is not null ? "an integer list" :
        Strings is not null ? "a string list" :
        Floats is not null ? "a float list" :
        Shape is not null ? "a shape" : "an empty value";
}
