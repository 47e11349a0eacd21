using System.Numerics.Tensors;

namespace Glance.Inference.Nn;

/// <summary>Element-wise arithmetic: same-shape, or broadcast of a per-channel vector over the last axis.</summary>
public static class Elementwise
{
    /// <summary>a + b into a new tensor; both the same shape.</summary>
    public static Tensor Add(Tensor a, Tensor b)
    {
        RequireSameShape(a, b, nameof(Add));
        var output = Tensor.RentUninitialized(a.Shape);
        TensorPrimitives.Add(a.Span, b.Span, output.Span);
        return output;
    }

    /// <summary>a += b; both the same shape.</summary>
    public static void AddInPlace(Tensor a, Tensor b)
    {
        RequireSameShape(a, b, nameof(AddInPlace));
        TensorPrimitives.Add(a.Span, b.Span, a.Span);
    }

    /// <summary>a *= b; both the same shape.</summary>
    public static void MultiplyInPlace(Tensor a, Tensor b)
    {
        RequireSameShape(a, b, nameof(MultiplyInPlace));
        TensorPrimitives.Multiply(a.Span, b.Span, a.Span);
    }

    /// <summary>x[..., c] += bias[c].</summary>
    public static void BiasAdd(Tensor x, ReadOnlySpan<float> bias) => ChannelAffine(x, [], bias);

    /// <summary>x[..., c] = x[..., c] * scale[c] + shift[c]; either may be empty (identity).</summary>
    public static void ChannelAffine(Tensor x, ReadOnlySpan<float> scale, ReadOnlySpan<float> shift)
    {
        ArgumentNullException.ThrowIfNull(x);
        var channels = x.Channels;
        if ((!scale.IsEmpty && scale.Length != channels) || (!shift.IsEmpty && shift.Length != channels))
        {
            throw new NnShapeException($"Per-channel vectors of {scale.Length}/{shift.Length} values do not fit {x}.");
        }

        var values = x.Span;
        for (var offset = 0; offset < values.Length; offset += channels)
        {
            var row = values.Slice(offset, channels);
            if (!scale.IsEmpty)
            {
                TensorPrimitives.Multiply(row, scale, row);
            }

            if (!shift.IsEmpty)
            {
                TensorPrimitives.Add(row, shift, row);
            }
        }
    }

    /// <summary>x = x * scale + shift for every element.</summary>
    public static void ScalarAffine(Tensor x, float scale, float shift)
    {
        ArgumentNullException.ThrowIfNull(x);
        TensorPrimitives.Multiply(x.Span, scale, x.Span);
        TensorPrimitives.Add(x.Span, shift, x.Span);
    }

    private static void RequireSameShape(Tensor a, Tensor b, string operation)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!a.Shape.AsSpan().SequenceEqual(b.Shape))
        {
            throw new NnShapeException($"{operation} needs equal shapes; got {a} and {b}.");
        }
    }
}
