namespace Glance.Storage.DynamoDb;

/// <summary>The record store's tables, named from the configured prefix.</summary>
public sealed record DynamoDbTableNames(string GrainState, string SortedRecords)
{
    public static DynamoDbTableNames FromPrefix(string prefix) =>
        new($"{prefix}grain-state", $"{prefix}sorted-records");

    public IReadOnlyList<string> All => [GrainState, SortedRecords];
}
