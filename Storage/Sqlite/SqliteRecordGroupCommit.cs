using Microsoft.Data.Sqlite;

namespace Glance.Storage.Sqlite;

/// <summary>
/// Record puts that wait for the file's write turn are written together, in one transaction, when the turn comes
/// (group commit). A transaction's fixed cost (a pooled connection and its pragmas, the write lock, the commit's log
/// frames) is most of a small put's, and with a large audience thousands of viewers write a few records each a second:
/// one put per transaction saturated SQLite's single writer (docs/benchmarks.md, bandit). Each put keeps its meaning
/// (its records are upserts, all or none of them written); what changes is that a failed transaction fails every put
/// in it. One drain runs at a time, on the thread pool rather than in a caller's turn: it writes others' puts too.
/// </summary>
internal sealed class SqliteRecordGroupCommit(SqliteConnectionFactory connections)
{
    /// <summary>A transaction takes waiting puts until it holds this many records (always at least one put).</summary>
    public const int MaxRecordsPerTransaction = 2000;

    private readonly Lock sync = new();
    private readonly Queue<PendingPut> waiting = new();
    private bool draining;
    private long transactions;
    private long puts;

    /// <summary>How many transactions wrote puts since this was created (tests' and benchmarks' view of the grouping).</summary>
    public long Transactions => Interlocked.Read(ref transactions);

    /// <summary>How many puts those transactions wrote.</summary>
    public long Puts => Interlocked.Read(ref puts);

    /// <summary>
    /// Completes once the records are committed. Cancelling stops the wait; a put already taken into a transaction is
    /// written all the same (records are upserts, so a retry writes the same again), one not yet taken is dropped.
    /// </summary>
    public Task PutAsync(string partition, IReadOnlyList<SortedRecord> records, CancellationToken cancellationToken)
    {
        var put = new PendingPut(partition, records, cancellationToken);
        bool start;
        lock (sync)
        {
            waiting.Enqueue(put);
            start = !draining;
            draining = true;
        }

        if (start)
        {
            _ = Task.Run(DrainAsync, CancellationToken.None);
        }

        return put.Completion.Task.WaitAsync(cancellationToken);
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            List<PendingPut>? batch = null;
            try
            {
                // The turn first, then the puts: whatever arrived while the turn was taken goes into this transaction.
                await using var writer = await connections.OpenForWriteAsync(CancellationToken.None);
                batch = Take();
                if (batch is null)
                {
                    return;
                }

                Write(writer.Connection, batch);
                Interlocked.Increment(ref transactions);
                Interlocked.Add(ref puts, batch.Count);
                foreach (var put in batch)
                {
                    put.Completion.TrySetResult();
                }
            }
            catch (Exception e)
            {
                // Opening the file or the transaction failed: these puts fail, the next are tried afresh.
                batch ??= Take();
                if (batch is null)
                {
                    return;
                }

                foreach (var put in batch)
                {
                    put.Completion.TrySetException(e);
                }
            }
        }
    }

    /// <summary>The puts of the next transaction, or null (and the drain ends) when none is waiting.</summary>
    private List<PendingPut>? Take()
    {
        lock (sync)
        {
            var batch = new List<PendingPut>(Math.Min(waiting.Count, 64));
            var records = 0;
            while (waiting.TryPeek(out var next) && (batch.Count == 0 || records + next.Records.Count <= MaxRecordsPerTransaction))
            {
                waiting.Dequeue();
                if (next.CancellationToken.IsCancellationRequested)
                {
                    next.Completion.TrySetCanceled(next.CancellationToken);
                    continue;
                }

                batch.Add(next);
                records += next.Records.Count;
            }

            if (batch.Count == 0 && waiting.Count == 0)
            {
                draining = false;
                return null;
            }

            return batch;
        }
    }

    /// <summary>Synchronous: Microsoft.Data.Sqlite's async methods run synchronously anyway, and the drain owns its thread.</summary>
    private static void Write(SqliteConnection connection, List<PendingPut> batch)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO sorted_records (partition, sort_key, data) VALUES ($partition, $sortKey, $data)
            ON CONFLICT (partition, sort_key) DO UPDATE SET data = excluded.data;
            """;
        var partition = command.Parameters.Add("$partition", SqliteType.Text);
        var sortKey = command.Parameters.Add("$sortKey", SqliteType.Integer);
        var data = command.Parameters.Add("$data", SqliteType.Blob);
        command.Prepare();
        foreach (var put in batch)
        {
            partition.Value = put.Partition;
            foreach (var record in put.Records)
            {
                sortKey.Value = record.SortKey;
                data.Value = SqliteBlobs.Bindable(record.Data);
                command.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    private sealed class PendingPut(string partition, IReadOnlyList<SortedRecord> records, CancellationToken cancellationToken)
    {
        public string Partition { get; } = partition;

        public IReadOnlyList<SortedRecord> Records { get; } = records;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
