using System.Collections.Concurrent;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace Glance.Grains.Placement;

/// <summary>
/// Narrows the silos Orleans may place a <see cref="WorkloadPlacementAttribute"/> grain on to those that publish its
/// workload in their silo metadata; the placement strategy (random, prefer-local, ...) then picks among them. A silo whose
/// metadata this silo has not fetched yet counts as not doing the workload: it is joining, and gets work once known.
/// When no candidate does the workload, all candidates are returned and a warning is logged once until a silo doing it
/// appears again: a cluster configured without a gallery silo still runs its gallery jobs, on the analysis silos.
/// </summary>
public sealed partial class WorkloadPlacementFilterDirector : IPlacementFilterDirector
{
    private readonly Func<SiloAddress, string?> publishedWorkloads;
    private readonly ILogger logger;
    private readonly ConcurrentDictionary<string, bool> warned = new(StringComparer.Ordinal);

    public WorkloadPlacementFilterDirector(
        ISiloMetadataCache cluster,
        ILocalSiloDetails local,
        IOptions<SiloMetadata> own,
        ILogger<WorkloadPlacementFilterDirector> logger)
        // The cache learns the local silo's metadata the way it learns any other's, a moment after start; the local
        // silo's own options are there from the first placement on.
        : this(silo => (silo.Equals(local.SiloAddress) ? own.Value : cluster.GetSiloMetadata(silo)).Metadata.GetValueOrDefault(SiloWorkloads.MetadataKey), logger)
    {
    }

    /// <param name="publishedWorkloads">A silo's published workload list, or null when it has published none (yet).</param>
    internal WorkloadPlacementFilterDirector(Func<SiloAddress, string?> publishedWorkloads, ILogger logger)
    {
        this.publishedWorkloads = publishedWorkloads;
        this.logger = logger;
    }

    public IEnumerable<SiloAddress> Filter(PlacementFilterStrategy filterStrategy, PlacementTarget target, IEnumerable<SiloAddress> silos)
    {
        var candidates = silos as IReadOnlyCollection<SiloAddress> ?? [.. silos];
        if (filterStrategy is not WorkloadPlacementFilterStrategy { Workload.Length: > 0 } strategy)
        {
            return candidates;
        }

        var fitting = candidates.Where(silo => SiloWorkloads.Includes(publishedWorkloads(silo), strategy.Workload)).ToList();
        if (fitting.Count > 0)
        {
            warned.TryRemove(strategy.Workload, out _);
            return fitting;
        }

        if (candidates.Count > 0 && warned.TryAdd(strategy.Workload, true))
        {
            LogNoSiloForWorkload(logger, strategy.Workload, target.GrainIdentity.Type.ToString(), candidates.Count);
        }

        return candidates;
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "No silo of the cluster has '{Workload}' in Silo:Workloads: {GrainType} and the other grains of that workload are placed on any of the {Silos} silo(s) until one does")]
    private static partial void LogNoSiloForWorkload(ILogger logger, string workload, string grainType, int silos);
}
