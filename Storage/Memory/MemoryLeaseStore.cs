namespace Glance.Storage.Memory;

/// <summary>In-process leases; the same fencing-token rules as the durable stores.</summary>
public sealed class MemoryLeaseStore(TimeProvider clock) : ILeaseStore
{
    private readonly Dictionary<string, LeaseRow> rows = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public Task<Lease?> TryAcquireAsync(string resource, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = clock.GetUtcNow();
        lock (gate)
        {
            rows.TryGetValue(resource, out var row);
            if (row is { Owner: not null } && row.Owner != owner && now < row.ExpiresAt)
            {
                return Task.FromResult<Lease?>(null);
            }

            var sameHolder = row is { Owner: not null } && row.Owner == owner && now < row.ExpiresAt;
            var token = sameHolder ? row!.Token : (row?.Token ?? 0) + 1;
            var next = new LeaseRow(owner, token, now + duration);
            rows[resource] = next;
            return Task.FromResult<Lease?>(new Lease(resource, owner, token, next.ExpiresAt));
        }
    }

    public Task<Lease?> RenewAsync(Lease lease, TimeSpan duration, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = clock.GetUtcNow();
        lock (gate)
        {
            if (!rows.TryGetValue(lease.Resource, out var row) || row.Owner != lease.Owner || row.Token != lease.Token)
            {
                return Task.FromResult<Lease?>(null);
            }

            var next = row with { ExpiresAt = now + duration };
            rows[lease.Resource] = next;
            return Task.FromResult<Lease?>(lease with { ExpiresAt = next.ExpiresAt });
        }
    }

    public Task ReleaseAsync(Lease lease, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            if (rows.TryGetValue(lease.Resource, out var row) && row.Owner == lease.Owner && row.Token == lease.Token)
            {
                // Keep the token so the next owner's token is still larger.
                rows[lease.Resource] = row with { Owner = null, ExpiresAt = DateTimeOffset.MinValue };
            }
        }

        return Task.CompletedTask;
    }

    public Task<Lease?> ReadAsync(string resource, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            return Task.FromResult(rows.TryGetValue(resource, out var row) && row.Owner is not null
                ? new Lease(resource, row.Owner, row.Token, row.ExpiresAt)
                : null);
        }
    }

    private sealed record LeaseRow(string? Owner, long Token, DateTimeOffset ExpiresAt);
}
