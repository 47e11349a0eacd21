namespace Glance.Inference.Nn;

/// <summary>
/// How many threads one large layer may use. Defaults to the core count; a host that already runs several inferences
/// at once (one per frame) can lower it to 1 so that layers do not oversubscribe the cores. Work that must stay on one
/// core whatever the setting (background gallery work beside live analysis) runs inside <see cref="Limit"/>.
/// </summary>
public static class NnParallel
{
    private static readonly AsyncLocal<int?> ScopedLimit = new();

    private static int maxDegreeOfParallelism = Environment.ProcessorCount;

    /// <summary>The degree layers use here: the process-wide setting, or less inside a <see cref="Limit"/> scope.</summary>
    public static int MaxDegreeOfParallelism
    {
        get => ScopedLimit.Value is { } limit ? Math.Min(limit, maxDegreeOfParallelism) : maxDegreeOfParallelism;
        set => maxDegreeOfParallelism = Math.Max(1, value);
    }

    /// <summary>
    /// Caps the degree for the calling flow (and the tasks it starts) until the answer is disposed, without touching
    /// other flows: a gallery job inside <c>Limit(1)</c> uses one core while segment analysis keeps them all.
    /// </summary>
    public static IDisposable Limit(int degree)
    {
        var previous = ScopedLimit.Value;
        ScopedLimit.Value = Math.Max(1, degree);
        return new Scope(previous);
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

    private sealed class Scope(int? previous) : IDisposable
    {
        public void Dispose() => ScopedLimit.Value = previous;
    }
}
