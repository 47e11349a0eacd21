namespace Glance.Inference.Graph.Kernels;

/// <summary>ConcatV2 along a constant axis (the last input), for float or integer tensors.</summary>
internal sealed class ConcatKernel : GraphKernel
{
    private readonly int axis;
    private readonly int count;

    public ConcatKernel(GraphCompileContext context)
    {
        if (context.InputCount < 2)
        {
            throw context.Node.Error("ConcatV2 needs at least one tensor and an axis.");
        }

        count = context.InputCount - 1;
        var axisValue = context.ConstantInts(count, "axis");
        axis = axisValue.Length == 1 ? axisValue[0] : throw context.Node.Error("the axis must be a scalar.");
    }

    public override void Execute(GraphRunContext context, ReadOnlySpan<GraphValue> inputs, Span<GraphValue> outputs)
    {
        var first = inputs[0];
        var rank = first.Rank;
        var normalized = GraphShapes.NormalizeAxis(axis, rank, context);
        var shape = (int[])first.Shape.Clone();
        shape[normalized] = 0;
        for (var i = 0; i < count; i++)
        {
            var input = inputs[i];
            if (input.Rank != rank || input.DataType != first.DataType)
            {
                throw context.Error($"cannot concatenate {input} with {first}.");
            }

            for (var d = 0; d < rank; d++)
            {
                if (d != normalized && input.Shape[d] != first.Shape[d])
                {
                    throw context.Error($"cannot concatenate {input} with {first} along axis {normalized}.");
                }
            }

            shape[normalized] += input.Shape[normalized];
        }

        var outer = 1;
        for (var d = 0; d < normalized; d++)
        {
            outer *= shape[d];
        }

        var output = context.Allocate(shape, first.DataType);
        outer = Math.Max(outer, 1);
        var rowLength = output.Length / outer;
        var offset = 0;
        for (var i = 0; i < count; i++)
        {
            var input = inputs[i];
            var chunk = input.Length / outer;
            if (first.IsFloat)
            {
                CopyChunks(input.Floats, output.WritableFloats, outer, chunk, rowLength, offset);
            }
            else
            {
                CopyChunks(input.Ints, output.WritableInts, outer, chunk, rowLength, offset);
            }

            offset += chunk;
        }

        outputs[0] = output;
    }

    private static void CopyChunks<T>(ReadOnlySpan<T> source, Span<T> target, int outer, int chunk, int rowLength, int offset)
    {
        for (var o = 0; o < outer; o++)
        {
            source.Slice(o * chunk, chunk).CopyTo(target.Slice((o * rowLength) + offset, chunk));
        }
    }
}
