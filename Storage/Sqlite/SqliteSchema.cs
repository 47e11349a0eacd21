using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Glance.Storage.Sqlite;

/// <summary>
/// Creates the tables (idempotently) and records the schema version, so later versions can migrate a file written
/// by an older build and refuse one written by a newer build.
/// </summary>
internal static class SqliteSchema
{
    // Adding a table (as reminders was) keeps the version: older builds ignore tables they do not know.
    public const int CurrentVersion = 1;

    // grain_state keeps its rowid: states can be several KB, and WITHOUT ROWID tables suit small rows.
    // sorted_records and reminders are clustered on their key, which is what most queries read by; the
    // reminder service also reads reminders by grain hash range, hence that index.
    private const string CreateTables = """
        CREATE TABLE IF NOT EXISTS schema_version (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            version INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS grain_state (
            grain_type TEXT NOT NULL,
            grain_key TEXT NOT NULL,
            version INTEGER NOT NULL,
            data BLOB NOT NULL,
            PRIMARY KEY (grain_type, grain_key)
        );
        CREATE TABLE IF NOT EXISTS sorted_records (
            partition TEXT NOT NULL,
            sort_key INTEGER NOT NULL,
            data BLOB NOT NULL,
            PRIMARY KEY (partition, sort_key)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS reminders (
            service_id TEXT NOT NULL,
            grain_id TEXT NOT NULL,
            reminder_name TEXT NOT NULL,
            grain_hash INTEGER NOT NULL,
            start_at_ticks INTEGER NOT NULL,
            period_ticks INTEGER NOT NULL,
            version INTEGER NOT NULL,
            PRIMARY KEY (service_id, grain_id, reminder_name)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS reminders_by_hash ON reminders (service_id, grain_hash);
        INSERT INTO schema_version (id, version) VALUES (1, $version) ON CONFLICT (id) DO NOTHING;
        SELECT version FROM schema_version WHERE id = 1;
        """;

    /// <summary>Creates the database file's folder, then the schema; idempotent.</summary>
    public static async Task EnsureAsync(SqliteConnectionFactory connections, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(connections.DatabasePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        await CreateAsync(connection, cancellationToken);
    }

    public static async Task CreateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // The journal mode is stored in the file and cannot change inside a transaction.
        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            var mode = (string?)await wal.ExecuteScalarAsync(cancellationToken);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite refused WAL mode for {connection.DataSource} (journal mode is '{mode}').");
            }
        }

        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = CreateTables;
        command.Parameters.AddWithValue("$version", CurrentVersion);
        var stored = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        if (stored > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"The database {connection.DataSource} has schema version {stored}, newer than this build understands ({CurrentVersion}).");
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
