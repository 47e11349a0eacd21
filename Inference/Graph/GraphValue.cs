namespace Glance.Inference.Graph;

/// <summary>
/// A tensor flowing through the graph: a shape, an element type (float32, or int32/bool held as integers) and a
/// buffer. Values returned by <see cref="GraphExecutor.Run"/> belong to the caller, who disposes them (returning the
/// buffer to the pool); values made with <see cref="FromFloats"/> or <see cref="FromInts"/> wrap the caller's array
/// and are never written by the executor.
/// </summary>
public sealed class GraphValue : IDisposable
{
    private int released;

    internal GraphValue(int[] shape, GraphDataType dataType, GraphStorage storage)
    {
        Shape = shape;
        DataType = dataType;
        Storage = storage;
        Length = Tensor.ElementCount(shape);
    }

    public int[] Shape { get; }

    public int Rank => Shape.Length;

    public GraphDataType DataType { get; }

    public int Length { get; }

    public bool IsFloat => DataType == GraphDataType.Float32;

    internal GraphStorage Storage { get; }

    public ReadOnlySpan<float> Floats => IsFloat
        ? Storage.Floats.AsSpan(0, Length)
        : throw new GraphModelException($"A {DataType} tensor [{string.Join(", ", Shape)}] was read as float32.");

    public ReadOnlySpan<int> Ints => !IsFloat
        ? Storage.Ints.AsSpan(0, Length)
        : throw new GraphModelException($"A float32 tensor [{string.Join(", ", Shape)}] was read as {GraphDataType.Int32}.");

    internal Span<float> WritableFloats => Storage.Floats.AsSpan(0, Length);

    internal Span<int> WritableInts => Storage.Ints.AsSpan(0, Length);

    /// <summary>Wraps <paramref name="data"/> (not copied); the executor only reads it.</summary>
    public static GraphValue FromFloats(float[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        var value = new GraphValue((int[])shape.Clone(), GraphDataType.Float32, GraphStorage.Borrow(data));
        return data.Length >= value.Length ? value : throw new ArgumentException($"Shape [{string.Join(", ", shape)}] needs {value.Length} values, got {data.Length}.", nameof(data));
    }

    /// <summary>Wraps <paramref name="data"/> (not copied) as int32 or bool (0/1) values.</summary>
    public static GraphValue FromInts(int[] data, GraphDataType dataType, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (dataType == GraphDataType.Float32)
        {
            throw new ArgumentException("Integer data cannot be a float32 tensor.", nameof(dataType));
        }

        var value = new GraphValue((int[])shape.Clone(), dataType, GraphStorage.Borrow(data));
        return data.Length >= value.Length ? value : throw new ArgumentException($"Shape [{string.Join(", ", shape)}] needs {value.Length} values, got {data.Length}.", nameof(data));
    }

    /// <summary>An Nn tensor over the same buffer (no copy; the tensor owns nothing).</summary>
    internal Tensor AsTensor() => Tensor.FromArray(Storage.Floats, Shape);

    /// <summary>The same buffer seen with another shape (Reshape, ExpandDims, Squeeze, Identity).</summary>
    internal GraphValue View(int[] shape) => new(shape, DataType, Storage);

    public float[] ToFloatArray() => Floats.ToArray();

    public int[] ToIntArray() => Ints.ToArray();

    /// <summary>Releases this value's hold on its buffer (once; later calls do nothing).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref released, 1) == 0)
        {
            Storage.Release();
        }
    }

    public override string ToString() => $"{DataType}[{string.Join(", ", Shape)}]";
}
