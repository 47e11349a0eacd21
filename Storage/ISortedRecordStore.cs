namespace Glance.Storage;

/// <summary>
/// Records under a partition key, ordered by a numeric sort key (the timeline: event id + position; segment statuses:
/// event id + sequence; incidents). One record per (partition, sort key): a put with the same key replaces it, which
/// makes batch puts idempotent.
/// </summary>
public interface ISortedRecordStore
{
    /// <summary>Upserts the records. Retried or repeated batches leave the same result.</summary>
    Task PutAsync(string partition, IReadOnlyList<SortedRecord> records, CancellationToken cancellationToken);

    /// <summary>Reads records whose sort key is in the inclusive range, in sort-key order (or reverse), one page at a time.</summary>
    /// <param name="limit">Page size, 1..1000.</param>
    /// <param name="continuationToken">The token of the previous page, or null for the first page.</param>
    Task<SortedRecordPage> QueryAsync(
        string partition,
        SortKeyRange range,
        int limit,
        string? continuationToken,
        bool descending,
        CancellationToken cancellationToken);

    /// <summary>Deletes records whose sort key is in the inclusive range.</summary>
    /// <returns>How many were deleted.</returns>
    Task<int> DeleteRangeAsync(string partition, SortKeyRange range, CancellationToken cancellationToken);
}
