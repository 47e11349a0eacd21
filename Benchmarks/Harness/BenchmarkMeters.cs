using System.Diagnostics.Metrics;
namespace Glance.Benchmarks.Harness;

/// <summary>The meter factory for parts a benchmark builds by hand, as a host's container would build them.</summary>
internal static class BenchmarkMeters
{
    public static IMeterFactory Factory { get; } = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
}
