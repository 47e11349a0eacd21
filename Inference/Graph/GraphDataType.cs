namespace Glance.Inference.Graph;

/// <summary>The element types the executor computes with (TensorFlow's DT_FLOAT, DT_INT32 and DT_BOOL).</summary>
public enum GraphDataType
{
    Float32,
    Int32,
    Bool,
}

internal static class GraphDataTypes
{
    /// <summary>Maps a TensorFlow "DT_*" name; null when the executor has no such type.</summary>
    public static GraphDataType? FromTensorFlow(string? name) => name switch
    {
        "DT_FLOAT" => GraphDataType.Float32,
        "DT_INT32" => GraphDataType.Int32,
        "DT_BOOL" => GraphDataType.Bool,
        _ => null,
    };
}
