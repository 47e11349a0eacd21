using System.Diagnostics;

namespace Glance.Inference.Graph;

/// <summary>Time spent per op type over one or more runs (for benchmarks and tuning; not thread-safe).</summary>
public sealed class GraphRunProfile
{
    private readonly Dictionary<string, (long Ticks, int Count)> byOp = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, TimeSpan> TimeByOp =>
        byOp.ToDictionary(p => p.Key, p => TimeSpan.FromSeconds(p.Value.Ticks / (double)Stopwatch.Frequency), StringComparer.Ordinal);

    public IReadOnlyDictionary<string, int> CountByOp => byOp.ToDictionary(p => p.Key, p => p.Value.Count, StringComparer.Ordinal);

    internal void Add(string op, long ticks)
    {
        var (total, count) = byOp.GetValueOrDefault(op);
        byOp[op] = (total + ticks, count + 1);
    }
}
