namespace Glance.Inference.Graph;

/// <summary>Shape arithmetic shared by the kernels (NumPy broadcasting, strides, axis normalization).</summary>
internal static class GraphShapes
{
    public static string Format(ReadOnlySpan<int> shape) => $"[{string.Join(", ", shape.ToArray())}]";

    /// <summary>The broadcast shape of two operands, or null when they do not broadcast.</summary>
    public static int[]? Broadcast(int[] a, int[] b)
    {
        var rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            var db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
            {
                return null;
            }

            result[i] = da == 1 ? db : da;
        }

        return result;
    }

    /// <summary>Row-major strides of <paramref name="shape"/> seen at rank <paramref name="rank"/> (leading axes added with size 1), zero where the axis broadcasts.</summary>
    public static int[] BroadcastStrides(int[] shape, int[] outputShape)
    {
        var rank = outputShape.Length;
        var strides = new int[rank];
        var stride = 1;
        for (var i = rank - 1; i >= 0; i--)
        {
            var source = i - (rank - shape.Length);
            var dimension = source >= 0 ? shape[source] : 1;
            strides[i] = dimension == 1 ? 0 : stride;
            stride *= dimension;
        }

        return strides;
    }

    public static int[] Strides(ReadOnlySpan<int> shape)
    {
        var strides = new int[shape.Length];
        var stride = 1;
        for (var i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = stride;
            stride *= shape[i];
        }

        return strides;
    }

    public static int NormalizeAxis(int axis, int rank, GraphNode node) =>
        axis >= -rank && axis < rank ? (axis + rank) % rank : throw node.Error($"axis {axis} is out of range for rank {rank}.");

    public static int NormalizeAxis(int axis, int rank, GraphRunContext context) =>
        axis >= -rank && axis < rank ? (axis + rank) % rank : throw context.Error($"axis {axis} is out of range for rank {rank}.");

    public static bool SameShape(ReadOnlySpan<int> a, ReadOnlySpan<int> b) => a.SequenceEqual(b);
}
