namespace Glance.Storage.Sqlite;

/// <summary>
/// The embedded default: one SQLite file (WAL) holding grain state and sorted records (and, through the Orleans providers, reminders). Several providers,
/// even in several processes, may share the file; conditional writes keep them correct. Dispose closes the pooled
/// connections, which releases the file.
/// </summary>
public sealed class SqliteStorageProvider : IStorageProvider, IDisposable
{
    private readonly SqliteConnectionFactory connections;
    private readonly SqliteSortedRecordStore records;

    /// <param name="baseDirectory">Where a relative <see cref="SqliteStorageOptions.Path"/> is resolved; the current directory when null.</param>
    public SqliteStorageProvider(SqliteStorageOptions options, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Path, "options.Path");
        var path = Path.GetFullPath(options.Path, baseDirectory ?? Directory.GetCurrentDirectory());
        connections = new SqliteConnectionFactory(path);
        GrainState = new SqliteGrainStateStore(connections);
        SortedRecords = records = new SqliteSortedRecordStore(connections);
    }

    public string Name => "Sqlite";

    /// <summary>The absolute path of the database file.</summary>
    public string DatabasePath => connections.DatabasePath;

    public IGrainStateStore GrainState { get; }

    public ISortedRecordStore SortedRecords { get; }

    /// <summary>Record puts committed, and the transactions they took: fewer than the puts when the group commit grouped them.</summary>
    public (long Puts, long Transactions) RecordPutCounts => (records.CommittedPuts, records.PutTransactions);

    public Task InitializeAsync(CancellationToken cancellationToken) => SqliteSchema.EnsureAsync(connections, cancellationToken);

    public async Task CheckHealthAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version';";
        if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            throw new InvalidOperationException($"The SQLite database {DatabasePath} has no schema; InitializeAsync has not run.");
        }
    }

    public void Dispose() => connections.Dispose();
}
