using Glance.Storage;
using Microsoft.Extensions.Hosting;

namespace Glance.Hosting;

/// <summary>
/// Creates the record store's tables (or file) before the silo starts, so that the first timeline write finds them.
/// Registered ahead of the silo: hosted services start in registration order.
/// </summary>
internal sealed class RecordStoreInitializer(IStorageProvider storage) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => storage.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
