namespace Glance.Inference.Graph.Kernels;

/// <summary>MaxPool and AvgPool over NHWC with TensorFlow's SAME/VALID padding.</summary>
internal sealed class PoolKernel : GraphKernel
{
    private readonly bool max;
    private readonly int kernelHeight;
    private readonly int kernelWidth;
    private readonly int strideY;
    private readonly int strideX;
    private readonly Padding padding;

    public PoolKernel(GraphCompileContext context, bool max)
    {
        context.RequireInputCount(1);
        context.RequireNhwc();
        this.max = max;
        var node = context.Node;
        var ksize = node.GetInts("ksize");
        var strides = node.GetInts("strides");
        if (ksize.Count != 4 || ksize[0] != 1 || ksize[3] != 1 || strides.Count != 4 || strides[0] != 1 || strides[3] != 1 || ksize.Concat(strides).Any(v => v < 1 || v > 1024))
        {
            throw node.Error($"ksize [{string.Join(", ", ksize)}] / strides [{string.Join(", ", strides)}] are not supported (NHWC, spatial only).");
        }

        (kernelHeight, kernelWidth, strideY, strideX) = ((int)ksize[1], (int)ksize[2], (int)strides[1], (int)strides[2]);
        var name = node.GetString("padding");
        padding = name switch
        {
            "SAME" => Padding.Same,
            "VALID" => Padding.Valid,
            _ => throw node.Error($"padding '{name}' is not supported for pooling."),
        };
    }

    public override void Execute(GraphRunContext context, ReadOnlySpan<GraphValue> inputs, Span<GraphValue> outputs)
    {
        var input = inputs[0];
        if (!input.IsFloat || input.Rank != 4)
        {
            throw context.Error($"expects a float [N, H, W, C] input, got {input}.");
        }

        try
        {
            outputs[0] = GraphRunContext.Adopt(max
                ? VectorPooling.MaxPool(input.AsTensor(), kernelHeight, kernelWidth, strideY, strideX, padding)
                : Pooling.Pool(input.AsTensor(), kernelHeight, kernelWidth, strideY, strideX, padding, max: false));
        }
        catch (NnShapeException error)
        {
            throw context.Error(error.Message);
        }
    }
}
