using System.Buffers;

namespace Glance.Inference.Nn;

/// <summary>
/// A dense float32 tensor, row-major (feature maps are NHWC). Activations rent their buffer from the shared array pool
/// and return it on <see cref="Dispose"/>, so a forward pass allocates almost nothing once warmed up; weights own a
/// plain array. The buffer may be longer than <see cref="Length"/>: always go through <see cref="Span"/>.
/// </summary>
public sealed class Tensor : IDisposable
{
    private float[]? buffer;
    private readonly bool pooled;

    private Tensor(int[] shape, float[] buffer, bool pooled)
    {
        Shape = shape;
        Length = ElementCount(shape);
        this.buffer = buffer;
        this.pooled = pooled;
    }

    public int[] Shape { get; }

    public int Rank => Shape.Length;

    public int Length { get; }

    public Span<float> Span => Buffer.AsSpan(0, Length);

    /// <summary>The backing array (possibly longer than <see cref="Length"/>).</summary>
    public float[] Buffer => buffer ?? throw new ObjectDisposedException(nameof(Tensor));

    /// <summary>NHWC helpers for rank-4 feature maps.</summary>
    public int Batch => Shape[0];

    public int Height => Shape[1];

    public int Width => Shape[2];

    public int Channels => Shape[^1];

    /// <summary>A tensor over a pooled buffer, zero-filled.</summary>
    public static Tensor Rent(params int[] shape)
    {
        var tensor = RentUninitialized(shape);
        tensor.Span.Clear();
        return tensor;
    }

    /// <summary>A tensor over a pooled buffer whose contents are garbage: the caller writes every element.</summary>
    public static Tensor RentUninitialized(params int[] shape)
    {
        var length = ElementCount(shape);
        return new Tensor((int[])shape.Clone(), ArrayPool<float>.Shared.Rent(Math.Max(length, 1)), pooled: true);
    }

    /// <summary>Wraps <paramref name="data"/> (not copied) with <paramref name="shape"/>.</summary>
    public static Tensor FromArray(float[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        var length = ElementCount(shape);
        if (data.Length < length)
        {
            throw new ArgumentException($"Shape [{string.Join(", ", shape)}] needs {length} values, got {data.Length}.", nameof(data));
        }

        return new Tensor((int[])shape.Clone(), data, pooled: false);
    }

    public static int ElementCount(ReadOnlySpan<int> shape)
    {
        long count = 1;
        foreach (var dimension in shape)
        {
            if (dimension < 0)
            {
                throw new ArgumentException($"Negative dimension in shape [{string.Join(", ", shape.ToArray())}].");
            }

            count *= dimension;
            if (count > int.MaxValue)
            {
                throw new ArgumentException($"Shape [{string.Join(", ", shape.ToArray())}] is too large.");
            }
        }

        return (int)count;
    }

    /// <summary>Same data, another shape with the same element count (no copy; the view shares the buffer and owns nothing).</summary>
    public Tensor Reshape(params int[] shape)
    {
        if (ElementCount(shape) != Length)
        {
            throw new ArgumentException($"Cannot reshape [{string.Join(", ", Shape)}] to [{string.Join(", ", shape)}].");
        }

        return new Tensor((int[])shape.Clone(), Buffer, pooled: false);
    }

    /// <summary>A pooled copy.</summary>
    public Tensor Clone()
    {
        var copy = RentUninitialized(Shape);
        Span.CopyTo(copy.Span);
        return copy;
    }

    public float[] ToArray() => Span.ToArray();

    public void Dispose()
    {
        var array = buffer;
        buffer = null;
        if (pooled && array is not null)
        {
            ArrayPool<float>.Shared.Return(array);
        }
    }

    public override string ToString() => $"Tensor[{string.Join(", ", Shape)}]";
}
