using System.Collections.Concurrent;
using Glance.Storage;

namespace Glance.Tests.Infrastructure;

/// <summary>
/// A store that counts the sorted records put under partitions starting with a prefix, one entry per batch, and fails
/// such puts while <see cref="FailuresLeft"/> is above zero, or holds the next one (<see cref="HoldNextPut"/>);
/// everything else passes through.
/// </summary>
public sealed class WatchedRecordPuts : IStorageProvider
{
    private readonly IStorageProvider inner;
    private readonly string prefix;
    private readonly ConcurrentQueue<int> batches = new();
    private int failuresLeft;
    private HeldPut? held;

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

    /// <summary>
    /// The next watched put is taken and then waits for <see cref="HeldPut.Release"/>; once taken it is written whatever
    /// its caller's token does later, as a group commit writes a put it took, while the caller's wait ends on cancel.
    /// </summary>
    public HeldPut HoldNextPut() => held = new HeldPut();

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

            if (Interlocked.Exchange(ref owner.held, null) is { } hold)
            {
                using var watch = cancellationToken.Register(() => hold.CallerCancelled.TrySetResult());
                hold.Taken.TrySetResult();
                await WriteWhenReleasedAsync(hold, partition, records).WaitAsync(cancellationToken);
                return;
            }

            await inner.PutAsync(partition, records, cancellationToken);
            owner.batches.Enqueue(records.Count);
        }

        private async Task WriteWhenReleasedAsync(HeldPut hold, string partition, IReadOnlyList<SortedRecord> records)
        {
            await hold.Released.Task;
            await inner.PutAsync(partition, records, CancellationToken.None);
            owner.batches.Enqueue(records.Count);
        }

        public Task<SortedRecordPage> QueryAsync(string partition, SortKeyRange range, int limit, string? continuationToken, bool descending, CancellationToken cancellationToken) =>
            inner.QueryAsync(partition, range, limit, continuationToken, descending, cancellationToken);

        public Task<int> DeleteRangeAsync(string partition, SortKeyRange range, CancellationToken cancellationToken) =>
            inner.DeleteRangeAsync(partition, range, cancellationToken);
    }
}

/// <summary>A put held by <see cref="WatchedRecordPuts.HoldNextPut"/>.</summary>
public sealed class HeldPut
{
    public TaskCompletionSource Taken { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the token the put was given is cancelled (never, for a put given none).</summary>
    public TaskCompletionSource CallerCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => Released.TrySetResult();
}
