using Glance.Storage;

namespace Glance.Tests.Infrastructure;

/// <summary>
/// A store that watches the grain-state writes of one grain type ("state@grain-type"): how many were made, how many
/// were out at once, what the last one wrote; while <see cref="Hold"/> is set, each write waits for <see cref="Release"/>.
/// Everything else passes through.
/// </summary>
public sealed class WatchedStateWrites : IStorageProvider
{
    private readonly IStorageProvider inner;
    private readonly string grainType;
    private readonly Lock gate = new();
    private TaskCompletionSource held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int writes;
    private int outNow;
    private int mostOut;
    private byte[]? last;
    private string? lastKey;

    public WatchedStateWrites(IStorageProvider inner, string grainType)
    {
        this.inner = inner;
        this.grainType = grainType;
        GrainState = new Writes(this, inner.GrainState);
    }

    /// <summary>Writes from now on wait for <see cref="Release"/>.</summary>
    public bool Hold { get; set; }

    /// <summary>Completes when a write is waiting on the hold.</summary>
    public Task Held
    {
        get
        {
            lock (gate)
            {
                return held.Task;
            }
        }
    }

    /// <summary>Writes completed (a clear that empties the row is one).</summary>
    public int Count => Volatile.Read(ref writes);

    /// <summary>The most writes that were out at the same time.</summary>
    public int MostOutAtOnce => Volatile.Read(ref mostOut);

    /// <summary>What the last completed write stored (empty for a clear); null before any.</summary>
    public byte[]? Last
    {
        get
        {
            lock (gate)
            {
                return last;
            }
        }
    }

    /// <summary>The grain key of the last completed write; null before any.</summary>
    public string? LastKey
    {
        get
        {
            lock (gate)
            {
                return lastKey;
            }
        }
    }

    public string Name => inner.Name;

    public IGrainStateStore GrainState { get; }

    public ISortedRecordStore SortedRecords => inner.SortedRecords;

    /// <summary>Lets the held writes, and those to come, through.</summary>
    public void Release()
    {
        lock (gate)
        {
            Hold = false;
            released.TrySetResult();
        }
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public Task CheckHealthAsync(CancellationToken cancellationToken) => inner.CheckHealthAsync(cancellationToken);

    private async Task<string> WatchAsync(IGrainStateStore store, string type, string key, ReadOnlyMemory<byte> data, string? expectedETag, CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref outNow);
        InterlockedMax(ref mostOut, now);
        try
        {
            Task wait;
            lock (gate)
            {
                wait = Hold ? released.Task : Task.CompletedTask;
                if (Hold)
                {
                    held.TrySetResult();
                }
            }

            await wait.WaitAsync(cancellationToken);
            var etag = await store.WriteAsync(type, key, data, expectedETag, cancellationToken);
            lock (gate)
            {
                last = data.ToArray();
                lastKey = key;
            }

            Interlocked.Increment(ref writes);
            return etag;
        }
        finally
        {
            Interlocked.Decrement(ref outNow);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private sealed class Writes(WatchedStateWrites owner, IGrainStateStore inner) : IGrainStateStore
    {
        public Task<StoredState?> ReadAsync(string grainType, string grainKey, CancellationToken cancellationToken) =>
            inner.ReadAsync(grainType, grainKey, cancellationToken);

        public Task<string> WriteAsync(string grainType, string grainKey, ReadOnlyMemory<byte> data, string? expectedETag, CancellationToken cancellationToken) =>
            grainType == owner.grainType
                ? owner.WatchAsync(inner, grainType, grainKey, data, expectedETag, cancellationToken)
                : inner.WriteAsync(grainType, grainKey, data, expectedETag, cancellationToken);

        public Task ClearAsync(string grainType, string grainKey, string? expectedETag, CancellationToken cancellationToken) =>
            inner.ClearAsync(grainType, grainKey, expectedETag, cancellationToken);
    }
}
