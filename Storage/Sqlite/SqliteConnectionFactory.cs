using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Glance.Storage.Sqlite;

/// <summary>
/// Opens pooled connections to one database file with the per-connection settings every store relies on.
/// Microsoft.Data.Sqlite pools the native handles, so opening per operation is cheap.
/// </summary>
internal sealed class SqliteConnectionFactory : IDisposable
{
    /// <summary>How long a statement waits for another connection's (or process's) write lock before SQLITE_BUSY.</summary>
    private const int BusyTimeoutMilliseconds = 5000;

    // synchronous=NORMAL is durable against process crashes in WAL mode and loses at most the last commits on power loss.
    private const string ConnectionPragmas = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;";

    /// <summary>One per database file in this process, shared by every factory (stores, reminders) that opens it.</summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriteGates = new(StringComparer.Ordinal);

    private readonly string connectionString;
    private readonly SemaphoreSlim writeGate;

    public SqliteConnectionFactory(string databasePath)
    {
        DatabasePath = databasePath;
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = (BusyTimeoutMilliseconds / 1000) + 1,
        }.ToString();
        writeGate = WriteGates.GetOrAdd(databasePath, _ => new SemaphoreSlim(1, 1));
    }

    public string DatabasePath { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = ConnectionPragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A connection for one write, opened once this process's other writes to the file are done. SQLite lets one
    /// writer in at a time; a second connection that finds the lock taken sleeps in SQLite's busy handler (1, 2, 5 ms
    /// and longer), holding its thread, which on a small machine is a request's thread. Waiting here does not hold one.
    /// Other processes sharing the file still meet in the busy handler.
    /// </summary>
    public async Task<SqliteWriteConnection> OpenForWriteAsync(CancellationToken cancellationToken)
    {
        await writeGate.WaitAsync(cancellationToken);
        try
        {
            return new SqliteWriteConnection(await OpenAsync(cancellationToken), writeGate);
        }
        catch
        {
            writeGate.Release();
            throw;
        }
    }

    /// <summary>Closes the idle pooled connections to this file (connections in use close when returned).</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
