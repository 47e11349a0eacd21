namespace Glance.Storage.DynamoDb;

/// <summary>The three tables, named from the configured prefix.</summary>
public sealed record DynamoDbTableNames(string GrainState, string SortedRecords, string Leases)
{
    public static DynamoDbTableNames FromPrefix(string prefix) =>
        new($"{prefix}grain-state", $"{prefix}sorted-records", $"{prefix}leases");

    public IReadOnlyList<string> All => [GrainState, SortedRecords, Leases];
}
