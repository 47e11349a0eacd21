namespace Glance.Inference.Nn;

/// <summary>
/// Folds a per-output-channel affine step that follows a convolution (a batch norm, or a scale layer) into the
/// convolution's filter and bias, so inference runs one convolution instead of three passes.
/// </summary>
public static class BatchNormFolding
{
    /// <summary>Batch norm: y = (x - mean) / sqrt(variance + epsilon) * gamma + beta.</summary>
    public static (float[] Filter, float[] Bias) FoldBatchNorm(
        ReadOnlySpan<float> filterHwio, ReadOnlySpan<float> bias, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        ReadOnlySpan<float> mean, ReadOnlySpan<float> variance, float epsilon)
    {
        var channels = mean.Length;
        if (gamma.Length != channels || beta.Length != channels || variance.Length != channels)
        {
            throw new NnShapeException("Batch-norm vectors differ in length.");
        }

        var scale = new float[channels];
        var shift = new float[channels];
        for (var c = 0; c < channels; c++)
        {
            scale[c] = gamma[c] / MathF.Sqrt(variance[c] + epsilon);
            shift[c] = beta[c] - (mean[c] * scale[c]);
        }

        return FoldAffine(filterHwio, bias, scale, shift);
    }

    /// <summary>y = conv(x) * scale + shift per output channel (the conv's own bias included before the scale).</summary>
    public static (float[] Filter, float[] Bias) FoldAffine(ReadOnlySpan<float> filterHwio, ReadOnlySpan<float> bias, ReadOnlySpan<float> scale, ReadOnlySpan<float> shift)
    {
        var channels = scale.Length;
        if (channels == 0 || filterHwio.Length % channels != 0 || (!bias.IsEmpty && bias.Length != channels) || (!shift.IsEmpty && shift.Length != channels))
        {
            throw new NnShapeException($"Cannot fold {channels} channel scales into a filter of {filterHwio.Length} values.");
        }

        var filter = filterHwio.ToArray();
        for (var i = 0; i < filter.Length; i++)
        {
            filter[i] *= scale[i % channels];
        }

        var folded = new float[channels];
        for (var c = 0; c < channels; c++)
        {
            folded[c] = ((bias.IsEmpty ? 0 : bias[c]) * scale[c]) + (shift.IsEmpty ? 0 : shift[c]);
        }

        return (filter, folded);
    }
}
