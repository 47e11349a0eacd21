using System.Globalization;
using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace Glance.Storage.Sqlite;

/// <summary>
/// Grain state in one table. The ETag is a per-row version: each conditional write is a single statement whose
/// WHERE clause checks the expected version, so two connections (or two processes) cannot both win.
/// </summary>
internal sealed class SqliteGrainStateStore(SqliteConnectionFactory connections) : IGrainStateStore
{
    public async Task<StoredState?> ReadAsync(string grainType, string grainKey, CancellationToken cancellationToken)
    {
        ValidateIdentity(grainType, grainKey);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, data FROM grain_state WHERE grain_type = $type AND grain_key = $key;";
        AddIdentity(command, grainType, grainKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredState((byte[])reader.GetValue(1), RowVersion.ToETag(reader.GetInt64(0)));
    }

    public async Task<string> WriteAsync(string grainType, string grainKey, ReadOnlyMemory<byte> data, string? expectedETag, CancellationToken cancellationToken)
    {
        ValidateIdentity(grainType, grainKey);
        await using var writer = await connections.OpenForWriteAsync(cancellationToken);
        var connection = writer.Connection;
        await using var command = connection.CreateCommand();
        AddIdentity(command, grainType, grainKey);
        command.Parameters.Add("$data", SqliteType.Blob).Value = SqliteBlobs.Bindable(data);

        long newVersion;
        if (expectedETag is null)
        {
            newVersion = RowVersion.NewRow();
            command.CommandText = """
                INSERT INTO grain_state (grain_type, grain_key, version, data) VALUES ($type, $key, $version, $data)
                ON CONFLICT (grain_type, grain_key) DO NOTHING;
                """;
        }
        else if (RowVersion.TryParse(expectedETag, out var expected))
        {
            newVersion = RowVersion.Next(expected);
            command.CommandText = """
                UPDATE grain_state SET version = $version, data = $data
                WHERE grain_type = $type AND grain_key = $key AND version = $expected;
                """;
            command.Parameters.AddWithValue("$expected", expected);
        }
        else
        {
            throw await ConflictAsync(connection, grainType, grainKey, expectedETag, cancellationToken);
        }

        command.Parameters.AddWithValue("$version", newVersion);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw await ConflictAsync(connection, grainType, grainKey, expectedETag, cancellationToken);
        }

        return RowVersion.ToETag(newVersion);
    }

    public async Task ClearAsync(string grainType, string grainKey, string? expectedETag, CancellationToken cancellationToken)
    {
        ValidateIdentity(grainType, grainKey);
        await using var writer = await connections.OpenForWriteAsync(cancellationToken);
        var connection = writer.Connection;
        if (expectedETag is null)
        {
            // Nothing to delete; succeeding requires that there is still no row.
            if (await ReadVersionAsync(connection, grainType, grainKey, cancellationToken) is { } stored)
            {
                throw Conflict(grainType, grainKey, RowVersion.ToETag(stored), expectedETag);
            }

            return;
        }

        if (!RowVersion.TryParse(expectedETag, out var expected))
        {
            throw await ConflictAsync(connection, grainType, grainKey, expectedETag, cancellationToken);
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM grain_state WHERE grain_type = $type AND grain_key = $key AND version = $expected;";
        AddIdentity(command, grainType, grainKey);
        command.Parameters.AddWithValue("$expected", expected);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw await ConflictAsync(connection, grainType, grainKey, expectedETag, cancellationToken);
        }
    }

    private static void ValidateIdentity(string grainType, string grainKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(grainType);
        ArgumentNullException.ThrowIfNull(grainKey);
    }

    private static void AddIdentity(SqliteCommand command, string grainType, string grainKey)
    {
        command.Parameters.AddWithValue("$type", grainType);
        command.Parameters.AddWithValue("$key", grainKey);
    }

    private static async Task<long?> ReadVersionAsync(SqliteConnection connection, string grainType, string grainKey, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM grain_state WHERE grain_type = $type AND grain_key = $key;";
        AddIdentity(command, grainType, grainKey);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null ? null : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    // The stored ETag is read after the failed write only to make the error informative; it may already be stale.
    private static async Task<InconsistentStateException> ConflictAsync(
        SqliteConnection connection, string grainType, string grainKey, string? expectedETag, CancellationToken cancellationToken)
    {
        var stored = await ReadVersionAsync(connection, grainType, grainKey, cancellationToken);
        return Conflict(grainType, grainKey, stored is { } version ? RowVersion.ToETag(version) : null, expectedETag);
    }

    private static InconsistentStateException Conflict(string grainType, string grainKey, string? storedETag, string? expectedETag) => new(
        $"State of {grainType}/{grainKey} changed since it was read (stored ETag {storedETag ?? "none"}, expected {expectedETag ?? "none"}).",
        storedETag,
        expectedETag);
}
