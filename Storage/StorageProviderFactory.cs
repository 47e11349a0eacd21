using Glance.Storage.DynamoDb;
using Glance.Storage.Memory;
using Glance.Storage.Sqlite;
namespace Glance.Storage;

/// <summary>Builds the configured state store (Storage:Provider).</summary>
public static class StorageProviderFactory
{
    public static IStorageProvider Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        return options.Provider switch
        {
            StorageProviderKind.Memory => new MemoryStorageProvider(),
            StorageProviderKind.Sqlite => new SqliteStorageProvider(options.Sqlite),
            StorageProviderKind.DynamoDb => new DynamoDbStorageProvider(options.DynamoDb),
            _ => throw new NotSupportedException($"Unknown storage provider '{options.Provider}'; use Sqlite, DynamoDb or Memory."),
        };
    }
}
