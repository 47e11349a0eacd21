namespace Glance.Storage;

/// <summary>One storage engine (memory, SQLite, DynamoDB) offering the grain-state and sorted-record contracts over the same backing store.</summary>
public interface IStorageProvider
{
    /// <summary>"Memory", "Sqlite" or "DynamoDb".</summary>
    string Name { get; }

    IGrainStateStore GrainState { get; }

    ISortedRecordStore SortedRecords { get; }

    /// <summary>Creates tables or files when configured to; idempotent.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Round-trips to the backing store; throws when it is unreachable. Used by /readyz.</summary>
    Task CheckHealthAsync(CancellationToken cancellationToken);
}
