using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Glance.Hosting;

/// <summary>Ready only while this silo is Active in the cluster's membership: before that, and while it shuts down, grains cannot be placed here.</summary>
internal sealed class SiloStatusHealthCheck(ISiloStatusOracle oracle) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = oracle.CurrentStatus;
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"silo {oracle.SiloName} is Active")
            : HealthCheckResult.Unhealthy($"silo {oracle.SiloName} is {status}"));
    }
}
