namespace Glance.Inference.Graph.Kernels;

/// <summary>Walks an output shape in row-major order, yielding the matching element offsets of two broadcast operands.</summary>
internal struct BroadcastIndexer
{
    private readonly int[] output;
    private readonly int[] stridesA;
    private readonly int[] stridesB;
    private readonly int[] position;
    private int offsetA;
    private int offsetB;
    private bool started;

    public BroadcastIndexer(int[] a, int[] b, int[] output)
    {
        this.output = output;
        stridesA = GraphShapes.BroadcastStrides(a, output);
        stridesB = GraphShapes.BroadcastStrides(b, output);
        position = new int[output.Length];
        offsetA = 0;
        offsetB = 0;
        started = false;
    }

    public (int A, int B) Next()
    {
        if (!started)
        {
            started = true;
            return (0, 0);
        }

        for (var axis = output.Length - 1; axis >= 0; axis--)
        {
            position[axis]++;
            offsetA += stridesA[axis];
            offsetB += stridesB[axis];
            if (position[axis] < output[axis])
            {
                break;
            }

            offsetA -= stridesA[axis] * position[axis];
            offsetB -= stridesB[axis] * position[axis];
            position[axis] = 0;
        }

        return (offsetA, offsetB);
    }
}
