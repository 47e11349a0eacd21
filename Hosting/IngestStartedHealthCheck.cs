using Glance.Grains.Ingest;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Glance.Hosting;

/// <summary>Ready once streams may poll: the listener can answer a moment before the host has finished starting.</summary>
internal sealed class IngestStartedHealthCheck(IngestStartGate gate) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(gate.IsOpen
            ? HealthCheckResult.Healthy("streams poll their sources")
            : HealthCheckResult.Unhealthy("the host is still starting; streams wait before polling"));
}
