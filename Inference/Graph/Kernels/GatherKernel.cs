namespace Glance.Inference.Graph.Kernels;

/// <summary>GatherV2 with batch_dims 0: slices of params along a constant axis, picked by integer indices.</summary>
internal sealed class GatherKernel : GraphKernel
{
    private readonly int axis;

    public GatherKernel(GraphCompileContext context)
    {
        context.RequireInputCount(3);
        var axisValue = context.ConstantInts(2, "axis");
        axis = axisValue.Length == 1 ? axisValue[0] : throw context.Node.Error("the axis must be a scalar.");
        if (context.Node.GetInt("batch_dims", 0) != 0)
        {
            throw context.Node.Error($"batch_dims {context.Node.GetInt("batch_dims")} is not supported (0 only).");
        }
    }

    public override void Execute(GraphRunContext context, ReadOnlySpan<GraphValue> inputs, Span<GraphValue> outputs)
    {
        var parameters = inputs[0];
        var indices = inputs[1];
        if (indices.IsFloat)
        {
            throw context.Error($"the indices must be integers, got {indices}.");
        }

        var normalized = GraphShapes.NormalizeAxis(axis, parameters.Rank, context);
        var outer = 1;
        for (var d = 0; d < normalized; d++)
        {
            outer *= parameters.Shape[d];
        }

        var axisSize = parameters.Shape[normalized];
        var inner = 1;
        for (var d = normalized + 1; d < parameters.Rank; d++)
        {
            inner *= parameters.Shape[d];
        }

        int[] shape = [.. parameters.Shape.Take(normalized), .. indices.Shape, .. parameters.Shape.Skip(normalized + 1)];
        var output = context.Allocate(shape, parameters.DataType);
        var picks = indices.Ints;
        for (var o = 0; o < outer; o++)
        {
            for (var p = 0; p < picks.Length; p++)
            {
                var index = picks[p];
                if ((uint)index >= (uint)axisSize)
                {
                    throw context.Error($"index {index} is outside 0..{axisSize - 1}.");
                }

                var from = ((o * axisSize) + index) * inner;
                var to = ((o * picks.Length) + p) * inner;
                if (parameters.IsFloat)
                {
                    parameters.Floats.Slice(from, inner).CopyTo(output.WritableFloats.Slice(to, inner));
                }
                else
                {
                    parameters.Ints.Slice(from, inner).CopyTo(output.WritableInts.Slice(to, inner));
                }
            }
        }

        outputs[0] = output;
    }
}
