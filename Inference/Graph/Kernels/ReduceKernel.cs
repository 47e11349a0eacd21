using System.Numerics.Tensors;

namespace Glance.Inference.Graph.Kernels;

internal enum ReduceOperation
{
    Mean,
    Sum,
    Max,
}

/// <summary>Mean, Sum and Max over constant axes of a float tensor (keep_dims honoured). Contiguous axes, such as NHWC's spatial [1, 2], reduce with SIMD over the inner axis.</summary>
internal sealed class ReduceKernel : GraphKernel
{
    private readonly ReduceOperation operation;
    private readonly int[] axes;
    private readonly bool keepDims;

    public ReduceKernel(GraphCompileContext context, ReduceOperation operation)
    {
        context.RequireInputCount(2);
        this.operation = operation;
        axes = context.ConstantInts(1, "reduction axes");
        keepDims = context.Node.GetBool("keep_dims", false);
    }

    public override void Execute(GraphRunContext context, ReadOnlySpan<GraphValue> inputs, Span<GraphValue> outputs)
    {
        var input = inputs[0];
        context.RequireFloat(input);

        var rank = input.Rank;
        var reduced = new bool[rank];
        foreach (var axis in axes)
        {
            reduced[GraphShapes.NormalizeAxis(axis, rank, context)] = true;
        }

        var outputShape = new List<int>();
        var keptShape = new int[rank];
        var count = 1;
        for (var i = 0; i < rank; i++)
        {
            keptShape[i] = reduced[i] ? 1 : input.Shape[i];
            if (reduced[i])
            {
                count *= input.Shape[i];
                if (keepDims)
                {
                    outputShape.Add(1);
                }
            }
            else
            {
                outputShape.Add(input.Shape[i]);
            }
        }

        var output = context.AllocateFloats([.. outputShape]);
        var target = output.WritableFloats;
        target.Fill(operation == ReduceOperation.Max ? float.NegativeInfinity : 0f);
        var source = input.Floats;
        if (TryContiguous(reduced, input.Shape, out var outer, out var middle, out var inner))
        {
            for (var o = 0; o < outer; o++)
            {
                var accumulator = target.Slice(o * inner, inner);
                for (var m = 0; m < middle; m++)
                {
                    var slice = source.Slice(((o * middle) + m) * inner, inner);
                    if (operation == ReduceOperation.Max)
                    {
                        TensorPrimitives.Max(accumulator, slice, accumulator);
                    }
                    else
                    {
                        TensorPrimitives.Add(accumulator, slice, accumulator);
                    }
                }
            }
        }
        else
        {
            var indexer = new BroadcastIndexer(keptShape, keptShape, input.Shape);
            for (var i = 0; i < source.Length; i++)
            {
                var (o, _) = indexer.Next();
                target[o] = operation == ReduceOperation.Max ? MathF.Max(target[o], source[i]) : target[o] + source[i];
            }
        }

        if (operation == ReduceOperation.Mean && count > 0)
        {
            TensorPrimitives.Divide(target, count, target);
        }

        outputs[0] = output;
    }

    /// <summary>When the reduced axes form one run, the input is [outer, middle (reduced), inner].</summary>
    private static bool TryContiguous(bool[] reduced, int[] shape, out int outer, out int middle, out int inner)
    {
        outer = middle = inner = 1;
        var first = Array.IndexOf(reduced, true);
        var last = Array.LastIndexOf(reduced, true);
        if (first < 0)
        {
            for (var i = 0; i < shape.Length; i++)
            {
                inner *= shape[i];
            }

            return true;
        }

        for (var i = first; i <= last; i++)
        {
            if (!reduced[i])
            {
                return false;
            }
        }

        for (var i = 0; i < shape.Length; i++)
        {
            if (i < first)
            {
                outer *= shape[i];
            }
            else if (i > last)
            {
                inner *= shape[i];
            }
            else
            {
                middle *= shape[i];
            }
        }

        return true;
    }
}
