using Orleans.Storage;

namespace Glance.Storage.Persistence;

/// <summary>What <see cref="StateStoreGrainStorage"/> takes from either backend's options.</summary>
public interface IGrainStateStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>Clearing deletes the row (true) or keeps it with an empty state and a new ETag (false, Orleans' default).</summary>
    bool DeleteStateOnClear { get; }

    /// <summary>The silo lifecycle stage at which the provider creates its table or schema.</summary>
    int InitStage { get; }
}
