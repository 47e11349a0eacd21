using System.Buffers;
using System.Text.Json;
using Glance.Storage;

namespace Glance.Grains.Viewers;

/// <summary>
/// A viewer's decisions in the sorted-record store: one record per decision, keyed by its number
/// (<see cref="ViewerState.DecisionSequence"/> counts them), written once. The viewer's state row keeps the number of
/// the newest decision it counts; records above it were written by the timer alone, and an activation counts them
/// into the serving counts. Before, the state row carried the whole bounded history, so every write behind rewrote up
/// to 200 decisions (~120 KB) to add the dozen made since (docs/benchmarks.md, bandit).
/// </summary>
internal sealed class ViewerDecisionRows(ISortedRecordStore store, string viewerKey)
{
    private const int PageSize = 1000;

    private readonly string partition = Partition(viewerKey);

    public static string Partition(string viewerKey) => "viewer-decisions/" + viewerKey;

    /// <summary>The newest <paramref name="max"/> decisions with their numbers, oldest first.</summary>
    public async Task<IReadOnlyList<(long Number, DecisionRecord Record)>> ReadNewestAsync(int max, CancellationToken cancellationToken)
    {
        var newestFirst = new List<(long, DecisionRecord)>(Math.Min(max, PageSize));
        string? continuation = null;
        do
        {
            var page = await store.QueryAsync(partition, new SortKeyRange(1, long.MaxValue), Math.Min(PageSize, max - newestFirst.Count), continuation, descending: true, cancellationToken);
            foreach (var record in page.Records)
            {
                newestFirst.Add((record.SortKey, StoredJson.Deserialize<DecisionRecord>(record.Data.Span)));
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null && newestFirst.Count < max);

        newestFirst.Reverse();
        return newestFirst;
    }

    /// <summary>
    /// Writes the decisions numbered after <paramref name="writtenThrough"/> up to <paramref name="sequence"/>, the
    /// number of the newest decision in <paramref name="log"/>. Idempotent: a retry writes the same records again.
    /// </summary>
    public Task AppendAsync(DecisionLog log, long sequence, long writtenThrough, CancellationToken cancellationToken)
    {
        var count = (int)Math.Min(sequence - writtenThrough, log.Count);
        if (count <= 0)
        {
            return Task.CompletedTask;
        }

        var records = new SortedRecord[count];
        var buffer = new ArrayBufferWriter<byte>(1024);
        using var writer = new Utf8JsonWriter(buffer);
        for (var i = 0; i < count; i++)
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            log.WriteJson(log.Count - count + i, writer, StoredJson.Options);
            writer.Flush();
            records[i] = new SortedRecord(sequence - count + 1 + i, buffer.WrittenSpan.ToArray());
        }

        return store.PutAsync(partition, records, cancellationToken);
    }

    /// <summary>Deletes the records numbered up to <paramref name="through"/>: out of the history, read by nothing.</summary>
    public Task TrimAsync(long through, CancellationToken cancellationToken) =>
        store.DeleteRangeAsync(partition, new SortKeyRange(long.MinValue, through), cancellationToken);

    public Task DeleteAllAsync(CancellationToken cancellationToken) => store.DeleteRangeAsync(partition, SortKeyRange.All, cancellationToken);
}
