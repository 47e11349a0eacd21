using Glance.Grains.Placement;

namespace Glance.Hosting;

/// <summary>
/// What this silo is for. Bound to "Silo" (Silo__Workloads=gallery). In a cluster an operator runs gallery silos apart
/// from the silos that analyse live segments, so that training a classifier never takes the cores a live stream needs.
/// </summary>
public sealed class SiloWorkloadOptions
{
    public const string SectionName = "Silo";

    /// <summary>
    /// Comma-separated: <c>analysis</c> (stream ingest and segment analysis), <c>gallery</c> (gallery jobs). The default,
    /// both, is what the embedded silo and a cluster of identical silos want. Published as Orleans silo metadata; the
    /// placement filter keeps each workload's grains on silos that name it (on any silo when none does).
    /// </summary>
    public string Workloads { get; set; } = SiloWorkloads.Format(SiloWorkloads.All);

    /// <summary>The workloads as the silo publishes them.</summary>
    public IReadOnlyList<string> Parsed() => SiloWorkloads.Parse(Workloads);
}
