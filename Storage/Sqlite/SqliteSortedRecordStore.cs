using Microsoft.Data.Sqlite;

namespace Glance.Storage.Sqlite;

/// <summary>Sorted records clustered on (partition, sort key); a batch is one transaction of upserts.</summary>
internal sealed class SqliteSortedRecordStore(SqliteConnectionFactory connections) : ISortedRecordStore
{
    public async Task PutAsync(string partition, IReadOnlyList<SortedRecord> records, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(partition);
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }

        await using var writer = await connections.OpenForWriteAsync(cancellationToken);
        var connection = writer.Connection;
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO sorted_records (partition, sort_key, data) VALUES ($partition, $sortKey, $data)
            ON CONFLICT (partition, sort_key) DO UPDATE SET data = excluded.data;
            """;
        command.Parameters.AddWithValue("$partition", partition);
        var sortKey = command.Parameters.Add("$sortKey", SqliteType.Integer);
        var data = command.Parameters.Add("$data", SqliteType.Blob);
        command.Prepare();
        foreach (var record in records)
        {
            ArgumentNullException.ThrowIfNull(record, nameof(records));
            sortKey.Value = record.SortKey;
            data.Value = SqliteBlobs.Bindable(record.Data);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
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
