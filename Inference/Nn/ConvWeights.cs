namespace Glance.Inference.Nn;

/// <summary>A convolution's filter (TensorFlow HWIO layout) and bias, packed once for <see cref="Gemm"/>.</summary>
public sealed class ConvWeights
{
    private ConvWeights(int kernelHeight, int kernelWidth, int inChannels, int outChannels, PackedMatrix matrix)
    {
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
        InChannels = inChannels;
        OutChannels = outChannels;
        Matrix = matrix;
    }

    public int KernelHeight { get; }

    public int KernelWidth { get; }

    public int InChannels { get; }

    public int OutChannels { get; }

    public PackedMatrix Matrix { get; }

    /// <param name="filter">Shape [kh, kw, in, out].</param>
    /// <param name="bias">[out] values, or empty for none.</param>
    public static ConvWeights Create(Tensor filter, ReadOnlySpan<float> bias)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Rank != 4)
        {
            throw new NnShapeException($"A convolution filter is [kh, kw, in, out]; got {filter}.");
        }

        return Create(filter.Span, filter.Shape[0], filter.Shape[1], filter.Shape[2], filter.Shape[3], bias);
    }

    public static ConvWeights Create(ReadOnlySpan<float> filterHwio, int kernelHeight, int kernelWidth, int inChannels, int outChannels, ReadOnlySpan<float> bias)
    {
        var matrix = PackedMatrix.Pack(filterHwio, checked(kernelHeight * kernelWidth * inChannels), outChannels, bias);
        return new ConvWeights(kernelHeight, kernelWidth, inChannels, outChannels, matrix);
    }
}
