namespace Glance.Inference.Graph.Kernels;

/// <summary>ResizeBilinear and ResizeNearestNeighbor of NHWC float tensors to a size given as [height, width].</summary>
internal sealed class ResizeKernel : GraphKernel
{
    private readonly bool bilinear;
    private readonly bool alignCorners;
    private readonly bool halfPixelCenters;
    private readonly int[]? constantSize;

    public ResizeKernel(GraphCompileContext context, bool bilinear)
    {
        context.RequireInputCount(2);
        this.bilinear = bilinear;
        alignCorners = context.Node.GetBool("align_corners", false);
        halfPixelCenters = context.Node.GetBool("half_pixel_centers", false);
        constantSize = context.ConstantInput(1) is { IsFloat: false } size ? size.ToIntArray() : null;
    }

    public override void Execute(GraphRunContext context, ReadOnlySpan<GraphValue> inputs, Span<GraphValue> outputs)
    {
        var input = inputs[0];
        var size = constantSize ?? (inputs[1].IsFloat ? null : inputs[1].ToIntArray());
        if (size is not { Length: 2 } || size[0] <= 0 || size[1] <= 0 || size[0] > 16384 || size[1] > 16384)
        {
            throw context.Error("the size must be two positive integers [height, width].");
        }

        if (!input.IsFloat || input.Rank != 4)
        {
            throw context.Error($"expects a float [N, H, W, C] input, got {input}.");
        }

        if (!bilinear)
        {
            outputs[0] = Nearest(context, input, size[0], size[1]);
        }
        else if (!alignCorners && !halfPixelCenters)
        {
            outputs[0] = GraphRunContext.Adopt(VectorPooling.ResizeBilinear(input.AsTensor(), size[0], size[1]));
        }
        else
        {
            outputs[0] = GraphRunContext.Adopt(ResizeBilinear.Apply(input.AsTensor(), size[0], size[1], alignCorners, halfPixelCenters));
        }
    }

    private GraphValue Nearest(GraphRunContext context, GraphValue input, int outHeight, int outWidth)
    {
        var (batch, inHeight, inWidth, channels) = (input.Shape[0], input.Shape[1], input.Shape[2], input.Shape[3]);
        var output = context.AllocateFloats([batch, outHeight, outWidth, channels]);
        var source = input.Floats;
        var target = output.WritableFloats;
        var ratioY = Ratio(inHeight, outHeight);
        var ratioX = Ratio(inWidth, outWidth);
        for (var b = 0; b < batch; b++)
        {
            for (var y = 0; y < outHeight; y++)
            {
                var sy = Nearest(y, ratioY, inHeight);
                for (var x = 0; x < outWidth; x++)
                {
                    var sx = Nearest(x, ratioX, inWidth);
                    source.Slice((((b * inHeight) + sy) * inWidth + sx) * channels, channels)
                        .CopyTo(target.Slice((((b * outHeight) + y) * outWidth + x) * channels, channels));
                }
            }
        }

        return output;
    }

    private double Ratio(int inSize, int outSize) =>
        alignCorners && outSize > 1 ? (inSize - 1) / (double)(outSize - 1) : inSize / (double)outSize;

    // TF.js: the source position is ratio * (i + 0.5) with half-pixel centres, else ratio * i; aligned corners round.
    private int Nearest(int index, double ratio, int inSize)
    {
        var position = ratio * (halfPixelCenters ? index + 0.5 : index);
        var nearest = alignCorners ? (int)Math.Round(position, MidpointRounding.AwayFromZero) : (int)Math.Floor(position);
        return Math.Clamp(nearest, 0, inSize - 1);
    }
}
