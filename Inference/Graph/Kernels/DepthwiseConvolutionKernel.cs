namespace Glance.Inference.Graph.Kernels;

/// <summary>DepthwiseConv2dNative and FusedDepthwiseConv2dNative (BiasAdd + optional activation).</summary>
internal sealed class DepthwiseConvolutionKernel : GraphKernel
{
    private readonly DepthwiseWeights weights;
    private readonly ConvolutionSettings settings;

    public DepthwiseConvolutionKernel(GraphCompileContext context, bool fused)
    {
        context.RequireInputCount(fused ? 3 : 2);
        settings = ConvolutionSettings.Read(context, fused);
        var filter = context.RequireConstant(1, "filter");
        if (!filter.IsFloat || filter.Rank != 4)
        {
            throw context.Node.Error($"the filter is {filter}, expected float [kh, kw, channels, multiplier].");
        }

        var bias = ConvolutionSettings.Bias(context, settings.HasBias, filter.Shape[2] * filter.Shape[3]);
        weights = DepthwiseWeights.Create(Tensor.FromArray(filter.ToFloatArray(), filter.Shape), bias);
    }

    public override void Execute(GraphRunContext context, ReadOnlySpan<GraphValue> inputs, Span<GraphValue> outputs)
    {
        var input = inputs[0];
        if (!input.IsFloat || input.Rank != 4 || input.Shape[3] != weights.Channels)
        {
            throw context.Error($"expects a float [N, H, W, {weights.Channels}] input, got {input}.");
        }

        var source = settings.PadIfExplicit(input.AsTensor(), out var padded);
        try
        {
            var output = VectorDepthwise.Supports(weights, settings.Dilation)
                ? VectorDepthwise.Apply(source, weights, settings.StrideY, settings.StrideX, settings.Padding, settings.Activation)
                : DepthwiseConv2D.Apply(source, weights, settings.StrideY, settings.StrideX, settings.Padding, settings.Activation, settings.Dilation);
            outputs[0] = GraphRunContext.Adopt(output);
        }
        catch (NnShapeException error)
        {
            throw context.Error(error.Message);
        }
        finally
        {
            if (padded)
            {
                source.Dispose();
            }
        }
    }
}
