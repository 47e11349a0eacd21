namespace Glance.Inference.Nn;

/// <summary>A depthwise filter in TensorFlow layout [kh, kw, channels, multiplier], flattened, plus an optional bias.</summary>
public sealed class DepthwiseWeights
{
    private DepthwiseWeights(int kernelHeight, int kernelWidth, int channels, int multiplier, float[] filter, float[] bias)
    {
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
        Channels = channels;
        Multiplier = multiplier;
        Filter = filter;
        Bias = bias;
    }

    public int KernelHeight { get; }

    public int KernelWidth { get; }

    public int Channels { get; }

    public int Multiplier { get; }

    public int OutChannels => Channels * Multiplier;

    /// <summary>[kh][kw][channels * multiplier]: output channel o = c * multiplier + m.</summary>
    internal float[] Filter { get; }

    /// <summary>OutChannels values (zeros when the layer has none).</summary>
    internal float[] Bias { get; }

    public static DepthwiseWeights Create(Tensor filter, ReadOnlySpan<float> bias)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Rank != 4)
        {
            throw new NnShapeException($"A depthwise filter is [kh, kw, channels, multiplier]; got {filter}.");
        }

        var outChannels = filter.Shape[2] * filter.Shape[3];
        if (!bias.IsEmpty && bias.Length != outChannels)
        {
            throw new NnShapeException($"The depthwise bias has {bias.Length} values for {outChannels} channels.");
        }

        var paddedBias = new float[outChannels];
        bias.CopyTo(paddedBias);
        return new DepthwiseWeights(filter.Shape[0], filter.Shape[1], filter.Shape[2], filter.Shape[3], filter.ToArray(), paddedBias);
    }
}
