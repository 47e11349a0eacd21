using System.Collections.Concurrent;
using System.Globalization;
using Orleans.Storage;

namespace Glance.Storage.Memory;

/// <summary>In-process grain state for tests and throwaway runs; same ETag semantics as the durable stores.</summary>
public sealed class MemoryGrainStateStore : IGrainStateStore
{
    private readonly ConcurrentDictionary<(string Type, string Key), StoredState> rows = new();
    private readonly Lock gate = new();
    private long version;

    public Task<StoredState?> ReadAsync(string grainType, string grainKey, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(rows.TryGetValue((grainType, grainKey), out var state) ? state : null);
    }

    public Task<string> WriteAsync(string grainType, string grainKey, ReadOnlyMemory<byte> data, string? expectedETag, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            var key = (grainType, grainKey);
            rows.TryGetValue(key, out var current);
            EnsureExpected(grainType, grainKey, current?.ETag, expectedETag);
            var etag = (++version).ToString(CultureInfo.InvariantCulture);
            rows[key] = new StoredState(data.ToArray(), etag);
            return Task.FromResult(etag);
        }
    }

    public Task ClearAsync(string grainType, string grainKey, string? expectedETag, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            var key = (grainType, grainKey);
            rows.TryGetValue(key, out var current);
            EnsureExpected(grainType, grainKey, current?.ETag, expectedETag);
            rows.TryRemove(key, out _);
            return Task.CompletedTask;
        }
    }

    private static void EnsureExpected(string grainType, string grainKey, string? stored, string? expected)
    {
        if (!string.Equals(stored, expected, StringComparison.Ordinal))
        {
            throw new InconsistentStateException(
                $"State of {grainType}/{grainKey} changed since it was read (stored ETag {stored ?? "none"}, expected {expected ?? "none"}).",
                stored,
                expected);
        }
    }
}
