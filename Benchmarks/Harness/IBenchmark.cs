namespace Glance.Benchmarks.Harness;

/// <summary>
/// One named benchmark. Implementations are discovered by reflection; run with
/// <c>dotnet run -c Release --project Benchmarks -- &lt;name&gt;</c> (or <c>all</c>).
/// </summary>
public interface IBenchmark
{
    /// <summary>Short lower-case name used on the command line, for example "ts-health".</summary>
    string Name { get; }

    string Description { get; }

    Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken);
}
