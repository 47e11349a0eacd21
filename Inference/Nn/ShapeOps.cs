namespace Glance.Inference.Nn;

/// <summary>Copies that change a feature map's extent: channel concatenation and constant spatial padding.</summary>
public static class ShapeOps
{
    /// <summary>Concatenates NHWC tensors of equal N, H, W along the channel axis.</summary>
    public static Tensor ConcatChannels(params Tensor[] inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Length == 0)
        {
            throw new NnShapeException("Nothing to concatenate.");
        }

        var first = inputs[0];
        var pixels = first.Length / first.Channels;
        var total = 0;
        foreach (var input in inputs)
        {
            if (input.Rank != first.Rank || !input.Shape.AsSpan(0, input.Rank - 1).SequenceEqual(first.Shape.AsSpan(0, first.Rank - 1)))
            {
                throw new NnShapeException($"Cannot concatenate {input} with {first} along channels.");
            }

            total += input.Channels;
        }

        var shape = (int[])first.Shape.Clone();
        shape[^1] = total;
        var output = Tensor.RentUninitialized(shape);
        var target = output.Span;
        for (var p = 0; p < pixels; p++)
        {
            var offset = p * total;
            foreach (var input in inputs)
            {
                input.Span.Slice(p * input.Channels, input.Channels).CopyTo(target.Slice(offset, input.Channels));
                offset += input.Channels;
            }
        }

        return output;
    }

    /// <summary>Pads an NHWC tensor spatially with <paramref name="value"/>.</summary>
    public static Tensor PadSpatial(Tensor input, int top, int bottom, int left, int right, float value = 0f)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 4 || top < 0 || bottom < 0 || left < 0 || right < 0)
        {
            throw new NnShapeException($"Cannot pad {input} by ({top}, {bottom}, {left}, {right}).");
        }

        var channels = input.Channels;
        var height = input.Height + top + bottom;
        var width = input.Width + left + right;
        var output = Tensor.RentUninitialized(input.Batch, height, width, channels);
        output.Span.Fill(value);
        for (var batch = 0; batch < input.Batch; batch++)
        {
            for (var y = 0; y < input.Height; y++)
            {
                var source = input.Span.Slice((((batch * input.Height) + y) * input.Width) * channels, input.Width * channels);
                source.CopyTo(output.Span.Slice(((((batch * height) + y + top) * width) + left) * channels));
            }
        }

        return output;
    }
}
