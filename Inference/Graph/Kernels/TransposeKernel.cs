namespace Glance.Inference.Graph.Kernels;

/// <summary>Transpose by a constant permutation.</summary>
internal sealed class TransposeKernel : GraphKernel
{
    private readonly int[] permutation;

    public TransposeKernel(GraphCompileContext context)
    {
        context.RequireInputCount(2);
        permutation = context.ConstantInts(1, "permutation");
        if (permutation.OrderBy(p => p).Where((p, i) => p != i).Any())
        {
            throw context.Node.Error($"[{string.Join(", ", permutation)}] is not a permutation.");
        }
    }

    public override void Execute(GraphRunContext context, ReadOnlySpan<GraphValue> inputs, Span<GraphValue> outputs)
    {
        var input = inputs[0];
        var rank = input.Rank;
        if (rank != permutation.Length)
        {
            throw context.Error($"a permutation of {permutation.Length} axes does not fit {input}.");
        }

        var shape = new int[rank];
        var inStrides = GraphShapes.Strides(input.Shape);
        var strides = new int[rank];
        for (var d = 0; d < rank; d++)
        {
            shape[d] = input.Shape[permutation[d]];
            strides[d] = inStrides[permutation[d]];
        }

        var output = context.Allocate(shape, input.DataType);
        var position = new int[rank];
        var source = 0;
        for (var i = 0; i < output.Length; i++)
        {
            if (input.IsFloat)
            {
                output.WritableFloats[i] = input.Floats[source];
            }
            else
            {
                output.WritableInts[i] = input.Ints[source];
            }

            for (var d = rank - 1; d >= 0; d--)
            {
                source += strides[d];
                if (++position[d] < shape[d])
                {
                    break;
                }

                source -= strides[d] * position[d];
                position[d] = 0;
            }
        }

        outputs[0] = output;
    }
}
