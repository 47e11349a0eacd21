using Microsoft.Data.Sqlite;

namespace Glance.Storage.Sqlite;

/// <summary>
/// Leases as single conditional statements, with the fencing-token rules of the in-memory store: a new holder gets
/// token + 1, the valid holder re-acquiring keeps its token, and release keeps the token so it only ever grows.
/// </summary>
internal sealed class SqliteLeaseStore(SqliteConnectionFactory connections, TimeProvider clock) : ILeaseStore
{
    public async Task<Lease?> TryAcquireAsync(string resource, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(resource);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ValidateDuration(duration);
        var now = clock.GetUtcNow();
        var expiresAt = now + duration;

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();

        // The upsert's WHERE refuses a lease another owner still holds; RETURNING yields no row then.
        command.CommandText = """
            INSERT INTO leases (resource, owner, token, expires_at_ticks) VALUES ($resource, $owner, 1, $expires)
            ON CONFLICT (resource) DO UPDATE SET
                token = CASE WHEN leases.owner = $owner AND leases.expires_at_ticks > $now THEN leases.token ELSE leases.token + 1 END,
                owner = $owner,
                expires_at_ticks = $expires
            WHERE leases.owner IS NULL OR leases.owner = $owner OR leases.expires_at_ticks <= $now
            RETURNING token;
            """;
        command.Parameters.AddWithValue("$resource", resource);
        command.Parameters.AddWithValue("$owner", owner);
        command.Parameters.AddWithValue("$now", now.UtcTicks);
        command.Parameters.AddWithValue("$expires", expiresAt.UtcTicks);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new Lease(resource, owner, reader.GetInt64(0), expiresAt)
            : null;
    }

    public async Task<Lease?> RenewAsync(Lease lease, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ValidateDuration(duration);
        var expiresAt = clock.GetUtcNow() + duration;

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE leases SET expires_at_ticks = $expires WHERE resource = $resource AND owner = $owner AND token = $token;";
        AddHolder(command, lease);
        command.Parameters.AddWithValue("$expires", expiresAt.UtcTicks);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1 ? lease with { ExpiresAt = expiresAt } : null;
    }

    public async Task ReleaseAsync(Lease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();

        // The row (and its token) stays, so the next owner's token is still larger.
        command.CommandText = "UPDATE leases SET owner = NULL, expires_at_ticks = 0 WHERE resource = $resource AND owner = $owner AND token = $token;";
        AddHolder(command, lease);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<Lease?> ReadAsync(string resource, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(resource);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT owner, token, expires_at_ticks FROM leases WHERE resource = $resource AND owner IS NOT NULL;";
        command.Parameters.AddWithValue("$resource", resource);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new Lease(resource, reader.GetString(0), reader.GetInt64(1), new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero))
            : null;
    }

    private static void ValidateDuration(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A lease duration must be positive.");
        }
    }

    private static void AddHolder(SqliteCommand command, Lease lease)
    {
        command.Parameters.AddWithValue("$resource", lease.Resource);
        command.Parameters.AddWithValue("$owner", lease.Owner);
        command.Parameters.AddWithValue("$token", lease.Token);
    }
}
