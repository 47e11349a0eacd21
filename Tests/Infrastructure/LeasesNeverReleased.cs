using Glance.Storage;

namespace Glance.Tests.Infrastructure;

/// <summary>
/// A store whose leases are never released, only left to expire: what the other silos see of a silo that crashed
/// (a graceful stop releases its leases at once).
/// </summary>
public sealed class LeasesNeverReleased(IStorageProvider inner) : IStorageProvider
{
    public string Name => inner.Name;

    public IGrainStateStore GrainState => inner.GrainState;

    public ISortedRecordStore SortedRecords => inner.SortedRecords;

    public ILeaseStore Leases { get; } = new KeptLeases(inner.Leases);

    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public Task CheckHealthAsync(CancellationToken cancellationToken) => inner.CheckHealthAsync(cancellationToken);

    private sealed class KeptLeases(ILeaseStore inner) : ILeaseStore
    {
        public Task<Lease?> TryAcquireAsync(string resource, string owner, TimeSpan duration, CancellationToken cancellationToken) =>
            inner.TryAcquireAsync(resource, owner, duration, cancellationToken);

        public Task<Lease?> RenewAsync(Lease lease, TimeSpan duration, CancellationToken cancellationToken) =>
            inner.RenewAsync(lease, duration, cancellationToken);

        public Task ReleaseAsync(Lease lease, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<Lease?> ReadAsync(string resource, CancellationToken cancellationToken) => inner.ReadAsync(resource, cancellationToken);
    }
}
