using System.Globalization;

namespace Glance.Tests.Cluster;

/// <summary>
/// How big a cluster run is. The test's defaults are CI's small size; scripts/cluster-run sets the GLANCE_CLUSTER_*
/// variables for the recorded runs (docs/benchmarks.md).
/// </summary>
internal sealed record ClusterRunSize(int Silos, int Events, int WrkSeconds, int WrkConnections, bool RollingRestart, IReadOnlyList<string> Detectors, string? ReportPath, string? LogFolder)
{
    public static ClusterRunSize FromEnvironment() => new(
        Number("GLANCE_CLUSTER_SILOS", 2),
        Number("GLANCE_CLUSTER_EVENTS", 2),
        Number("GLANCE_CLUSTER_WRK_SECONDS", 5),
        Number("GLANCE_CLUSTER_WRK_CONNECTIONS", 8),
        Environment.GetEnvironmentVariable("GLANCE_CLUSTER_ROLLING") != "0",
        (Environment.GetEnvironmentVariable("GLANCE_CLUSTER_DETECTORS") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        Environment.GetEnvironmentVariable("GLANCE_CLUSTER_REPORT"),
        Environment.GetEnvironmentVariable("GLANCE_CLUSTER_LOGS"));

    private static int Number(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
