using System.Collections.Concurrent;
using Glance.Storage;

namespace Glance.Tests.Infrastructure;

/// <summary>
/// A store that counts the sorted records put under partitions starting with a prefix, one entry per batch, and fails
/// such puts while <see cref="FailuresLeft"/> is above zero; everything else passes through.
/// </summary>
public sealed class WatchedRecordPuts : IStorageProvider
{
    private readonly IStorageProvider inner;
    private readonly string prefix;
    private readonly ConcurrentQueue<int> batches = new();
    private int failuresLeft;

    public WatchedRecordPuts(IStorageProvider inner, string prefix)
    {
        this.inner = inner;
        this.prefix = prefix;
        SortedRecords = new Puts(this, inner.SortedRecords);
    }

    /// <summary>How many records each completed batch put, in order.</summary>
    public IReadOnlyList<int> Batches => [.. batches];

    public int FailuresLeft
    {
        get => Volatile.Read(ref failuresLeft);
        set => Volatile.Write(ref failuresLeft, value);
    }

    public string Name => inner.Name;

    public IGrainStateStore GrainState => inner.GrainState;

    public ISortedRecordStore SortedRecords { get; }

    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public Task CheckHealthAsync(CancellationToken cancellationToken) => inner.CheckHealthAsync(cancellationToken);

    private sealed class Puts(WatchedRecordPuts owner, ISortedRecordStore inner) : ISortedRecordStore
    {
        public async Task PutAsync(string partition, IReadOnlyList<SortedRecord> records, CancellationToken cancellationToken)
        {
            if (!partition.StartsWith(owner.prefix, StringComparison.Ordinal))
            {
                await inner.PutAsync(partition, records, cancellationToken);
                return;
            }

            if (Interlocked.Decrement(ref owner.failuresLeft) >= 0)
            {
                throw new TimeoutException("The store did not answer (injected).");
            }

            await inner.PutAsync(partition, records, cancellationToken);
            owner.batches.Enqueue(records.Count);
        }

        public Task<SortedRecordPage> QueryAsync(string partition, SortKeyRange range, int limit, string? continuationToken, bool descending, CancellationToken cancellationToken) =>
            inner.QueryAsync(partition, range, limit, continuationToken, descending, cancellationToken);

        public Task<int> DeleteRangeAsync(string partition, SortKeyRange range, CancellationToken cancellationToken) =>
            inner.DeleteRangeAsync(partition, range, cancellationToken);
    }
}
