namespace Glance.Inference.Nn;

/// <summary>y = act(x W + b) for x of shape [N, K] (or any [N, ...] flattened) and W packed from [K, out].</summary>
public static class FullyConnected
{
    public static PackedMatrix Pack(Tensor weights, ReadOnlySpan<float> bias)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Rank != 2)
        {
            throw new NnShapeException($"Fully connected weights are [in, out]; got {weights}.");
        }

        return PackedMatrix.Pack(weights.Span, weights.Shape[0], weights.Shape[1], bias);
    }

    public static Tensor Apply(Tensor input, PackedMatrix weights, Activation activation = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weights);
        var batch = input.Shape[0];
        var features = input.Length / Math.Max(batch, 1);
        if (features != weights.Rows)
        {
            throw new NnShapeException($"Fully connected layer takes {weights.Rows} features per item; got {input}.");
        }

        var output = Tensor.RentUninitialized(batch, weights.Columns);
        Gemm.Multiply(input.Span, batch, features, weights, activation, output.Span, weights.Columns);
        return output;
    }
}
