using Glance.Grains.Placement;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Glance.Grains.Hosting;

public static class WorkloadPlacementExtensions
{
    /// <summary>
    /// Publishes the silo's workloads in its Orleans silo metadata and registers the filter that reads them. Every silo
    /// hosting the product's grains needs it: a grain type carrying a placement filter cannot be placed by a silo that
    /// does not know the filter.
    /// </summary>
    public static ISiloBuilder AddWorkloadPlacement(this ISiloBuilder silo, IEnumerable<string> workloads)
    {
        silo.UseSiloMetadata(new Dictionary<string, string> { [SiloWorkloads.MetadataKey] = SiloWorkloads.Format(workloads) });
        // Transient: Orleans keeps one initialized strategy per grain type, each with its own workload.
        silo.Services.AddPlacementFilter<WorkloadPlacementFilterStrategy, WorkloadPlacementFilterDirector>(ServiceLifetime.Transient);
        return silo;
    }
}
