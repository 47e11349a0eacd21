using System.Collections.Concurrent;

namespace Glance.Storage.Memory;

/// <summary>In-process sorted records; each partition is a sorted list behind its own lock.</summary>
public sealed class MemorySortedRecordStore : ISortedRecordStore
{
    private readonly ConcurrentDictionary<string, SortedList<long, ReadOnlyMemory<byte>>> partitions = new(StringComparer.Ordinal);

    public Task PutAsync(string partition, IReadOnlyList<SortedRecord> records, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var list = partitions.GetOrAdd(partition, _ => []);
        lock (list)
        {
            foreach (var record in records)
            {
                list[record.SortKey] = record.Data.ToArray();
            }
        }

        return Task.CompletedTask;
    }

    public Task<SortedRecordPage> QueryAsync(string partition, SortKeyRange range, int limit, string? continuationToken, bool descending, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        SortedRecordPaging.ValidateLimit(limit);
        var effective = SortedRecordPaging.Resume(range, continuationToken, descending);
        if (effective is null || !partitions.TryGetValue(partition, out var list))
        {
            return Task.FromResult(new SortedRecordPage([], null));
        }

        var page = new List<SortedRecord>(Math.Min(limit, 256));
        var more = false;
        lock (list)
        {
            var keys = list.Keys;
            if (!descending)
            {
                for (var i = LowerBound(keys, effective.Value.From); i < keys.Count && keys[i] <= effective.Value.To; i++)
                {
                    if (page.Count == limit)
                    {
                        more = true;
                        break;
                    }

                    page.Add(new SortedRecord(keys[i], list.Values[i]));
                }
            }
            else
            {
                for (var i = UpperBound(keys, effective.Value.To) - 1; i >= 0 && keys[i] >= effective.Value.From; i--)
                {
                    if (page.Count == limit)
                    {
                        more = true;
                        break;
                    }

                    page.Add(new SortedRecord(keys[i], list.Values[i]));
                }
            }
        }

        return Task.FromResult(new SortedRecordPage(page, more ? SortedRecordPaging.TokenAfter(page[^1].SortKey) : null));
    }

    public Task<int> DeleteRangeAsync(string partition, SortKeyRange range, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!partitions.TryGetValue(partition, out var list))
        {
            return Task.FromResult(0);
        }

        lock (list)
        {
            var start = LowerBound(list.Keys, range.From);
            var end = UpperBound(list.Keys, range.To);
            for (var i = end - 1; i >= start; i--)
            {
                list.RemoveAt(i);
            }

            return Task.FromResult(Math.Max(0, end - start));
        }
    }

    private static int LowerBound(IList<long> keys, long value)
    {
        int low = 0, high = keys.Count;
        while (low < high)
        {
            var mid = low + ((high - low) / 2);
            if (keys[mid] < value)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private static int UpperBound(IList<long> keys, long value)
    {
        int low = 0, high = keys.Count;
        while (low < high)
        {
            var mid = low + ((high - low) / 2);
            if (keys[mid] <= value)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
