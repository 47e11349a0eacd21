namespace Glance.Storage;

public sealed record SortedRecord(long SortKey, ReadOnlyMemory<byte> Data);

public sealed record SortedRecordPage(IReadOnlyList<SortedRecord> Records, string? ContinuationToken);
