namespace Glance.Inference.Graph.Kernels;

/// <summary>Conv2D and _FusedConv2D (BiasAdd + optional activation): the filter is packed once for the blocked GEMM.</summary>
internal sealed class ConvolutionKernel : GraphKernel
{
    private readonly ConvWeights weights;
    private readonly ConvolutionSettings settings;

    public ConvolutionKernel(GraphCompileContext context, bool fused)
    {
        context.RequireInputCount(fused ? 3 : 2);
        if (fused && context.Node.GetInt("num_args", 1) != 1)
        {
            throw context.Node.Error($"num_args {context.Node.GetInt("num_args")} is not supported (BiasAdd takes one).");
        }

        settings = ConvolutionSettings.Read(context, fused);
        var filter = context.RequireConstant(1, "filter");
        if (!filter.IsFloat || filter.Rank != 4)
        {
            throw context.Node.Error($"the filter is {filter}, expected float [kh, kw, in, out].");
        }

        var bias = ConvolutionSettings.Bias(context, settings.HasBias, filter.Shape[3]);
        weights = ConvWeights.Create(filter.Floats, filter.Shape[0], filter.Shape[1], filter.Shape[2], filter.Shape[3], bias);
    }

    public override void Execute(GraphRunContext context, ReadOnlySpan<GraphValue> inputs, Span<GraphValue> outputs)
    {
        var input = inputs[0];
        if (!input.IsFloat || input.Rank != 4 || input.Shape[3] != weights.InChannels)
        {
            throw context.Error($"expects a float [N, H, W, {weights.InChannels}] input, got {input}.");
        }

        var source = settings.PadIfExplicit(input.AsTensor(), out var padded);
        try
        {
            outputs[0] = GraphRunContext.Adopt(Conv2D.Apply(source, weights, settings.StrideY, settings.StrideX, settings.Padding, settings.Activation, settings.Dilation));
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
