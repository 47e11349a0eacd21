namespace Glance.Inference.Nn;

/// <summary>One decoded weight: float values (float32, dequantized, or float16 widened) or integer values (int32, bool).</summary>
public sealed record TfjsWeight(string Name, int[] Shape, string DataType, float[]? Floats, int[]? Integers)
{
    public bool IsFloat => Floats is not null;
}
