using Microsoft.Data.Sqlite;

namespace Glance.Storage.Sqlite;

/// <summary>
/// Sorted records clustered on (partition, sort key); a batch is upserts committed together, in one transaction with
/// the other puts waiting for the file's write turn (<see cref="SqliteRecordGroupCommit"/>).
/// </summary>
internal sealed class SqliteSortedRecordStore(SqliteConnectionFactory connections) : ISortedRecordStore
{
    private readonly SqliteRecordGroupCommit groupCommit = new(connections);

    /// <summary>How many transactions the puts took (fewer than puts when they were grouped).</summary>
    internal long PutTransactions => groupCommit.Transactions;

    /// <summary>How many puts were committed.</summary>
    internal long CommittedPuts => groupCommit.Puts;

    public async Task PutAsync(string partition, IReadOnlyList<SortedRecord> records, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(partition);
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }

        foreach (var record in records)
        {
            ArgumentNullException.ThrowIfNull(record, nameof(records));
        }

        await groupCommit.PutAsync(partition, records, cancellationToken);
    }

    public async Task<SortedRecordPage> QueryAsync(
        string partition, SortKeyRange range, int limit, string? continuationToken, bool descending, CancellationToken cancellationToken)
    {
        if (SortedRecordPaging.Begin(partition, range, limit, continuationToken, descending) is not { } remaining)
        {
            return new SortedRecordPage([], null);
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();

        // One row past the page tells whether another page exists without a second query.
        command.CommandText = descending
            ? "SELECT sort_key, data FROM sorted_records WHERE partition = $partition AND sort_key BETWEEN $from AND $to ORDER BY sort_key DESC LIMIT $take;"
            : "SELECT sort_key, data FROM sorted_records WHERE partition = $partition AND sort_key BETWEEN $from AND $to ORDER BY sort_key ASC LIMIT $take;";
        command.Parameters.AddWithValue("$partition", partition);
        command.Parameters.AddWithValue("$from", remaining.From);
        command.Parameters.AddWithValue("$to", remaining.To);
        command.Parameters.AddWithValue("$take", limit + 1);

        var page = new List<SortedRecord>(Math.Min(limit, 256));
        var more = false;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (page.Count == limit)
            {
                more = true;
                break;
            }

            page.Add(new SortedRecord(reader.GetInt64(0), (byte[])reader.GetValue(1)));
        }

        return new SortedRecordPage(page, more ? SortedRecordPaging.TokenAfter(page[^1].SortKey) : null);
    }

    public async Task<int> DeleteRangeAsync(string partition, SortKeyRange range, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(partition);
        await using var writer = await connections.OpenForWriteAsync(cancellationToken);
        await using var command = writer.Connection.CreateCommand();
        command.CommandText = "DELETE FROM sorted_records WHERE partition = $partition AND sort_key BETWEEN $from AND $to;";
        command.Parameters.AddWithValue("$partition", partition);
        command.Parameters.AddWithValue("$from", range.From);
        command.Parameters.AddWithValue("$to", range.To);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
