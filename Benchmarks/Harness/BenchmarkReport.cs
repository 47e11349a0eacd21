using System.Text;

namespace Glance.Benchmarks.Harness;

/// <summary>Collects measurements from one benchmark and renders them as a Markdown table for docs/benchmarks.md.</summary>
public sealed class BenchmarkReport
{
    private readonly List<BenchmarkResult> results = [];

    public BenchmarkReport(bool quick) => Quick = quick;

    /// <summary>True when the caller asked for a short smoke run (fewer iterations); figures are then indicative only.</summary>
    public bool Quick { get; }

    public IReadOnlyList<BenchmarkResult> Results => results;

    /// <param name="target">The bar from the brief or issue, in words, for example "&lt;= 0.15 s".</param>
    /// <param name="met">Whether the measurement meets the target; null when there is no target.</param>
    public void Add(string metric, double value, string unit, string? target = null, bool? met = null)
    {
        results.Add(new BenchmarkResult(metric, value, unit, target, met));
        var verdict = met switch { true => " (met)", false => " (NOT met)", null => string.Empty };
        Console.WriteLine($"  {metric}: {Format(value)} {unit}{(target is null ? string.Empty : $"  target {target}")}{verdict}");
    }

    public string ToMarkdown(string benchmarkName)
    {
        var builder = new StringBuilder();
        builder.AppendLine(CultureInfo.InvariantCulture, $"| {benchmarkName} | value | unit | target | met |");
        builder.AppendLine("|---|---|---|---|---|");
        foreach (var r in results)
        {
            var met = r.Met switch { true => "yes", false => "**no**", null => "" };
            builder.AppendLine(CultureInfo.InvariantCulture, $"| {r.Metric} | {Format(r.Value)} | {r.Unit} | {r.Target} | {met} |");
        }

        return builder.ToString();
    }

    private static string Format(double value) => Math.Abs(value) switch
    {
        >= 1000 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("F1", CultureInfo.InvariantCulture),
        _ => value.ToString("G4", CultureInfo.InvariantCulture),
    };
}

public sealed record BenchmarkResult(string Metric, double Value, string Unit, string? Target, bool? Met);
