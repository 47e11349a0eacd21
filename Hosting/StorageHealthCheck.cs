using Glance.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Glance.Hosting;

/// <summary>Ready only when the state store answers: without it no grain can activate.</summary>
internal sealed class StorageHealthCheck(IStorageProvider storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await storage.CheckHealthAsync(timeout.Token);
            return HealthCheckResult.Healthy($"{storage.Name} store reachable");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{storage.Name} store unreachable: {e.Message}");
        }
    }
}
