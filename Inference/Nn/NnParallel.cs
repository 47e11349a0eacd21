namespace Glance.Inference.Nn;

/// <summary>
/// How many threads one large layer may use. Defaults to the core count; a host that already runs several inferences
/// at once (one per frame) can lower it to 1 so that layers do not oversubscribe the cores.
/// </summary>
public static class NnParallel
{
    private static int maxDegreeOfParallelism = Environment.ProcessorCount;

    public static int MaxDegreeOfParallelism
    {
        get => maxDegreeOfParallelism;
        set => maxDegreeOfParallelism = Math.Max(1, value);
    }

    /// <summary>Runs body(0..count-1), in parallel when allowed and worthwhile.</summary>
    public static void For(int count, bool worthwhile, Action<int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var degree = MaxDegreeOfParallelism;
        if (count > 1 && worthwhile && degree > 1)
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = degree }, body);
            return;
        }

        for (var i = 0; i < count; i++)
        {
            body(i);
        }
    }
}
