namespace Glance.Storage;

/// <summary>
/// Time-bounded ownership of a named resource (one poller per live stream, one reminder shard per silo) through
/// conditional writes. Every change of owner increases the resource's fencing token, so work done under an older
/// lease can be recognized and refused.
/// </summary>
public interface ILeaseStore
{
    /// <summary>
    /// Takes the lease if it is free, expired, or already held by <paramref name="owner"/> (then it is extended and
    /// keeps its token).
    /// </summary>
    /// <returns>The lease, or null when another owner holds it.</returns>
    Task<Lease?> TryAcquireAsync(string resource, string owner, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Extends a lease still held under the same owner and token.</summary>
    /// <returns>The extended lease, or null when it was lost.</returns>
    Task<Lease?> RenewAsync(Lease lease, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Gives the lease up if still held under the same owner and token; otherwise does nothing.</summary>
    Task ReleaseAsync(Lease lease, CancellationToken cancellationToken);

    /// <returns>The current holder (possibly expired), or null when the resource was never leased or was released.</returns>
    Task<Lease?> ReadAsync(string resource, CancellationToken cancellationToken);
}
