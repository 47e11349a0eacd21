using Glance.Storage.DynamoDb;
using Orleans.Storage;

namespace Glance.Storage.Persistence;

/// <summary>
/// Grain state in one DynamoDB table, configured like Orleans.Persistence.DynamoDB's options of the same name.
/// Items: "id" (S, state name + "@" + grain type + "/" + grain id) is the hash key; "v" (N) the row version that
/// is the ETag; "d" (B) the serialized state, absent for a cleared row.
/// </summary>
public sealed class DynamoDBStorageOptions() : DynamoDBTableOptions("OrleansGrainState"), IGrainStateStorageOptions
{
    public bool DeleteStateOnClear { get; set; }

    public int InitStage { get; set; } = ServiceLifecycleStage.ApplicationServices;

    /// <summary>Left null, filled in by <see cref="GrainStorageSerializerDefaults{TOptions}"/>.</summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;
}
