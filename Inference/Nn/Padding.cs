namespace Glance.Inference.Nn;

/// <summary>TensorFlow's padding modes.</summary>
public enum Padding
{
    /// <summary>Output = ceil(input / stride); the extra row/column of padding goes to the bottom/right.</summary>
    Same,

    /// <summary>No padding: output = ceil((input - kernel + 1) / stride).</summary>
    Valid,
}

/// <summary>Output size and leading padding along one spatial axis, as TensorFlow computes them.</summary>
public readonly record struct PaddedAxis(int Output, int PadBefore)
{
    public static PaddedAxis Compute(int input, int kernel, int stride, Padding padding, int dilation = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(input);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernel);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        var effectiveKernel = ((kernel - 1) * dilation) + 1;
        if (padding == Padding.Same)
        {
            var output = (input + stride - 1) / stride;
            var total = Math.Max(((output - 1) * stride) + effectiveKernel - input, 0);
            return new PaddedAxis(output, total / 2);
        }

        if (input < effectiveKernel)
        {
            throw new NnShapeException($"A kernel of {effectiveKernel} does not fit an input of {input} with valid padding.");
        }

        return new PaddedAxis(((input - effectiveKernel) / stride) + 1, 0);
    }
}
