using System.Buffers;

namespace Glance.Inference.Graph.Kernels;

/// <summary>
/// TopKV2 over the last axis: the k largest values and their indices, ordered by value descending and, for equal
/// values, by index ascending (the order TF.js's CPU kernel produces). One pass with a bounded heap per row.
/// </summary>
internal sealed class TopKKernel : GraphKernel
{
    private readonly int? constantK;

    public TopKKernel(GraphCompileContext context)
    {
        context.RequireInputCount(2);
        constantK = context.ConstantInput(1) is { IsFloat: false, Length: 1 } k ? k.Ints[0] : null;
    }

    public override int OutputCount => 2;

    public override void Execute(GraphRunContext context, ReadOnlySpan<GraphValue> inputs, Span<GraphValue> outputs)
    {
        var input = inputs[0];
        var k = constantK ?? (inputs[1] is { IsFloat: false, Length: 1 } dynamic ? dynamic.Ints[0] : throw context.Error("k must be an integer scalar."));
        if (!input.IsFloat || input.Rank < 1)
        {
            throw context.Error($"expects a float tensor, got {input}.");
        }

        var n = input.Shape[^1];
        if (k < 0 || k > n)
        {
            throw context.Error($"k = {k} is outside 0..{n}.");
        }

        var shape = (int[])input.Shape.Clone();
        shape[^1] = k;
        var values = context.AllocateFloats(shape);
        var indices = context.AllocateInts((int[])shape.Clone(), GraphDataType.Int32);
        var rows = n == 0 ? 0 : input.Length / n;
        var heapValues = ArrayPool<float>.Shared.Rent(Math.Max(k, 1));
        var heapIndices = ArrayPool<int>.Shared.Rent(Math.Max(k, 1));
        try
        {
            for (var row = 0; row < rows; row++)
            {
                SelectRow(input.Floats.Slice(row * n, n), k, heapValues, heapIndices);
                heapValues.AsSpan(0, k).CopyTo(values.WritableFloats.Slice(row * k, k));
                heapIndices.AsSpan(0, k).CopyTo(indices.WritableInts.Slice(row * k, k));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(heapValues);
            ArrayPool<int>.Shared.Return(heapIndices);
        }

        outputs[0] = values;
        outputs[1] = indices;
    }

    /// <summary>Leaves the top k of <paramref name="row"/>, best first, in the first k slots of the heap arrays.</summary>
    private static void SelectRow(ReadOnlySpan<float> row, int k, float[] values, int[] indices)
    {
        if (k == 0)
        {
            return;
        }

        // A min-heap on rank: the root is the worst of the k kept so far.
        var count = 0;
        for (var i = 0; i < row.Length; i++)
        {
            var value = float.IsNaN(row[i]) ? float.NegativeInfinity : row[i];
            if (count < k)
            {
                var child = count++;
                while (child > 0)
                {
                    var parent = (child - 1) / 2;
                    if (!Better(values[parent], indices[parent], value, i))
                    {
                        break;
                    }

                    values[child] = values[parent];
                    indices[child] = indices[parent];
                    child = parent;
                }

                values[child] = value;
                indices[child] = i;
            }
            else if (Better(value, i, values[0], indices[0]))
            {
                SiftDown(values, indices, k, value, i);
            }
        }

        // Heap-sort the kept entries into best-first order.
        for (var end = k - 1; end > 0; end--)
        {
            var (worstValue, worstIndex) = (values[0], indices[0]);
            SiftDown(values, indices, end, values[end], indices[end]);
            values[end] = worstValue;
            indices[end] = worstIndex;
        }
    }

    private static void SiftDown(float[] values, int[] indices, int count, float value, int index)
    {
        var parent = 0;
        while (true)
        {
            var child = (2 * parent) + 1;
            if (child >= count)
            {
                break;
            }

            if (child + 1 < count && Better(values[child], indices[child], values[child + 1], indices[child + 1]))
            {
                child++;
            }

            if (!Better(value, index, values[child], indices[child]))
            {
                break;
            }

            values[parent] = values[child];
            indices[parent] = indices[child];
            parent = child;
        }

        values[parent] = value;
        indices[parent] = index;
    }

    /// <summary>True when (a, ia) ranks before (b, ib): larger value, or the same value at a lower index.</summary>
    private static bool Better(float a, int ia, float b, int ib) => a > b || (a == b && ia < ib);
}
