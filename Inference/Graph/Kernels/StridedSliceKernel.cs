namespace Glance.Inference.Graph.Kernels;

/// <summary>
/// StridedSlice with TensorFlow's mask semantics (begin, end, ellipsis, new-axis and shrink-axis masks; negative
/// indices and strides). begin/end/strides are constants or computed integer vectors.
/// </summary>
internal sealed class StridedSliceKernel : GraphKernel
{
    private readonly int[]? begin;
    private readonly int[]? end;
    private readonly int[]? strides;
    private readonly int beginMask;
    private readonly int endMask;
    private readonly int ellipsisMask;
    private readonly int newAxisMask;
    private readonly int shrinkAxisMask;

    public StridedSliceKernel(GraphCompileContext context)
    {
        context.RequireInputCount(4);
        var node = context.Node;
        begin = ConstantOrNull(context, 1);
        end = ConstantOrNull(context, 2);
        strides = ConstantOrNull(context, 3);
        beginMask = (int)node.GetInt("begin_mask", 0);
        endMask = (int)node.GetInt("end_mask", 0);
        ellipsisMask = (int)node.GetInt("ellipsis_mask", 0);
        newAxisMask = (int)node.GetInt("new_axis_mask", 0);
        shrinkAxisMask = (int)node.GetInt("shrink_axis_mask", 0);
        if ((ellipsisMask & (ellipsisMask - 1)) != 0)
        {
            throw node.Error("more than one ellipsis in ellipsis_mask.");
        }
    }

    public override void Execute(GraphRunContext context, ReadOnlySpan<GraphValue> inputs, Span<GraphValue> outputs)
    {
        var input = inputs[0];
        var b = begin ?? Ints(context, inputs[1], "begin");
        var e = end ?? Ints(context, inputs[2], "end");
        var s = strides ?? Ints(context, inputs[3], "strides");
        if (b.Length != e.Length || b.Length != s.Length)
        {
            throw context.Error($"begin, end and strides differ in length ({b.Length}, {e.Length}, {s.Length}).");
        }

        var rank = input.Rank;
        var starts = new int[rank];
        var steps = new int[rank];
        var sizes = new int[rank];
        var finalShape = new List<int>();
        var sparse = 0;
        var dimension = 0;
        var specified = Enumerable.Range(0, b.Length).Count(i => (newAxisMask & (1 << i)) == 0 && (ellipsisMask & (1 << i)) == 0);
        for (; sparse < b.Length; sparse++)
        {
            var bit = 1 << sparse;
            if ((ellipsisMask & bit) != 0)
            {
                var covered = rank - specified;
                for (var j = 0; j < covered; j++, dimension++)
                {
                    FullRange(input.Shape[dimension], dimension, starts, steps, sizes, finalShape);
                }

                continue;
            }

            if ((newAxisMask & bit) != 0)
            {
                finalShape.Add(1);
                continue;
            }

            if (dimension >= rank)
            {
                throw context.Error($"the slice has more axes than {input}.");
            }

            var size = input.Shape[dimension];
            var stride = s[sparse];
            if (stride == 0)
            {
                throw context.Error("a stride is zero.");
            }

            if ((shrinkAxisMask & bit) != 0)
            {
                var index = b[sparse] < 0 ? b[sparse] + size : b[sparse];
                if ((uint)index >= (uint)size)
                {
                    throw context.Error($"index {b[sparse]} is outside axis {dimension} of {input}.");
                }

                (starts[dimension], steps[dimension], sizes[dimension]) = (index, 1, 1);
            }
            else
            {
                var (lower, upper) = stride > 0 ? (0, size) : (-1, size - 1);
                var start = (beginMask & bit) != 0 ? (stride > 0 ? 0 : size - 1) : Math.Clamp(b[sparse] < 0 ? b[sparse] + size : b[sparse], lower, upper);
                var stop = (endMask & bit) != 0 ? (stride > 0 ? size : -1) : Math.Clamp(e[sparse] < 0 ? e[sparse] + size : e[sparse], lower, upper);
                var count = stride > 0 ? Math.Max(0, (stop - start + stride - 1) / stride) : Math.Max(0, (start - stop - stride - 1) / -stride);
                (starts[dimension], steps[dimension], sizes[dimension]) = (start, stride, count);
                finalShape.Add(count);
            }

            dimension++;
        }

        for (; dimension < rank; dimension++)
        {
            FullRange(input.Shape[dimension], dimension, starts, steps, sizes, finalShape);
        }

        var output = context.Allocate([.. finalShape], input.DataType);
        Copy(input, output, starts, steps, sizes);
        outputs[0] = output;
    }

    private static void FullRange(int size, int dimension, int[] starts, int[] steps, int[] sizes, List<int> finalShape)
    {
        (starts[dimension], steps[dimension], sizes[dimension]) = (0, 1, size);
        finalShape.Add(size);
    }

    private static void Copy(GraphValue input, GraphValue output, int[] starts, int[] steps, int[] sizes)
    {
        if (output.Length == 0)
        {
            return;
        }

        var inStrides = GraphShapes.Strides(input.Shape);
        var rank = input.Rank;
        var position = new int[rank];
        var offset = 0;
        for (var d = 0; d < rank; d++)
        {
            offset += starts[d] * inStrides[d];
        }

        for (var i = 0; i < output.Length; i++)
        {
            if (input.IsFloat)
            {
                output.WritableFloats[i] = input.Floats[offset];
            }
            else
            {
                output.WritableInts[i] = input.Ints[offset];
            }

            for (var d = rank - 1; d >= 0; d--)
            {
                offset += steps[d] * inStrides[d];
                if (++position[d] < sizes[d])
                {
                    break;
                }

                offset -= steps[d] * inStrides[d] * position[d];
                position[d] = 0;
            }
        }
    }

    private static int[]? ConstantOrNull(GraphCompileContext context, int index) =>
        context.ConstantInput(index) is { IsFloat: false } value ? value.ToIntArray() : null;

    private static int[] Ints(GraphRunContext context, GraphValue value, string role) =>
        value.IsFloat ? throw context.Error($"{role} must be integers, got {value}.") : value.ToIntArray();
}
