using Glance.Storage.DynamoDb;
using Glance.Storage.Memory;
using Glance.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Glance.Storage;

/// <summary>Builds the configured state store (Storage:Provider).</summary>
public static class StorageProviderFactory
{
    public static IStorageProvider Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var clock = services.GetRequiredService<TimeProvider>();
        return options.Provider switch
        {
            StorageProviderKind.Memory => new MemoryStorageProvider(clock),
            StorageProviderKind.Sqlite => new SqliteStorageProvider(options.Sqlite, clock),
            StorageProviderKind.DynamoDb => new DynamoDbStorageProvider(options.DynamoDb, clock),
            _ => throw new NotSupportedException($"Unknown storage provider '{options.Provider}'; use Sqlite, DynamoDb or Memory."),
        };
    }
}
