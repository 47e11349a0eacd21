using Orleans.Placement;

namespace Glance.Grains.Placement;

/// <summary>
/// Places activations of the grain class only on silos whose Silo:Workloads include <paramref name="workload"/>, so an
/// operator can keep gallery training off the silos that analyse live segments (and the reverse). When no silo of the
/// cluster does that workload, every silo is allowed: a configuration mistake slows work down, it never stops it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class WorkloadPlacementAttribute(string workload) : PlacementFilterAttribute(new WorkloadPlacementFilterStrategy(workload))
{
    public string Workload { get; } = workload;
}
