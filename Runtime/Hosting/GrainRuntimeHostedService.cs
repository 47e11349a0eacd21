using Microsoft.Extensions.Hosting;

namespace Glance.Runtime.Hosting;

/// <summary>Starts the silo role with the host and stops it (deactivating every grain) on shutdown.</summary>
internal sealed class GrainRuntimeHostedService(GrainRuntime runtime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => runtime.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => runtime.StopAsync(cancellationToken);
}
