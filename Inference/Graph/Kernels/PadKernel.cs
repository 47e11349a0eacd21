namespace Glance.Inference.Graph.Kernels;

/// <summary>Pad and PadV2 with constant [rank, 2] paddings and a constant fill value (0 for Pad).</summary>
internal sealed class PadKernel : GraphKernel
{
    private const int MaxPad = 1 << 16;

    private readonly int[] paddings;
    private readonly float floatFill;
    private readonly int intFill;

    public PadKernel(GraphCompileContext context, bool withValue)
    {
        context.RequireInputCount(withValue ? 3 : 2);
        paddings = context.ConstantInts(1, "paddings");
        if (paddings.Any(p => p < 0 || p > MaxPad))
        {
            throw context.Node.Error($"paddings [{string.Join(", ", paddings)}] must be between 0 and {MaxPad}.");
        }

        if (withValue)
        {
            var fill = context.RequireConstant(2, "constant value");
            (floatFill, intFill) = fill.IsFloat ? (fill.Floats[0], 0) : (0f, fill.Ints[0]);
        }
    }

    public override void Execute(GraphRunContext context, ReadOnlySpan<GraphValue> inputs, Span<GraphValue> outputs)
    {
        var input = inputs[0];
        var rank = input.Rank;
        if (paddings.Length != rank * 2)
        {
            throw context.Error($"{paddings.Length / 2} padding pairs do not fit {input}.");
        }

        var shape = new int[rank];
        for (var d = 0; d < rank; d++)
        {
            shape[d] = input.Shape[d] + paddings[2 * d] + paddings[(2 * d) + 1];
        }

        var output = context.Allocate(shape, input.DataType);
        if (input.IsFloat)
        {
            output.WritableFloats.Fill(floatFill);
        }
        else
        {
            output.WritableInts.Fill(intFill);
        }

        if (input.Length == 0)
        {
            outputs[0] = output;
            return;
        }

        // Copy the input row by row (its last axis is contiguous in both).
        var rowLength = input.Shape[rank - 1];
        var outStrides = GraphShapes.Strides(shape);
        var position = new int[rank];
        for (var row = 0; row < input.Length / rowLength; row++)
        {
            var offset = 0;
            for (var d = 0; d < rank; d++)
            {
                offset += (position[d] + paddings[2 * d]) * outStrides[d];
            }

            if (input.IsFloat)
            {
                input.Floats.Slice(row * rowLength, rowLength).CopyTo(output.WritableFloats.Slice(offset, rowLength));
            }
            else
            {
                input.Ints.Slice(row * rowLength, rowLength).CopyTo(output.WritableInts.Slice(offset, rowLength));
            }

            for (var d = rank - 2; d >= 0; d--)
            {
                if (++position[d] < input.Shape[d])
                {
                    break;
                }

                position[d] = 0;
            }
        }

        outputs[0] = output;
    }
}
