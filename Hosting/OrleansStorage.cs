using Glance.Grains.Interfaces.Streams;
using Glance.Storage;
using Glance.Storage.DynamoDb;
using Glance.Storage.Hosting;
using Glance.Storage.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Storage;

namespace Glance.Hosting;

/// <summary>
/// Where grain state, stream pub-sub state, reminders and (in a cluster) membership live, by Storage:Provider. The
/// SQLite and DynamoDB providers are ours, written behind Orleans' contracts and configured like Orleans' own packages;
/// one SQLite file (or one table prefix) holds everything, the timeline records included.
/// </summary>
internal static class OrleansStorage
{
    public static void Configure(ISiloBuilder silo, StorageOptions storage, HostingMode mode)
    {
        switch (storage.Provider)
        {
            case StorageProviderKind.Memory when mode == HostingMode.Embedded:
                silo.AddMemoryGrainStorageAsDefault();
                silo.AddMemoryGrainStorage(StreamNames.PubSubStore);
                silo.UseInMemoryReminderService();
                break;
            case StorageProviderKind.Sqlite when mode == HostingMode.Embedded:
                var path = Path.GetFullPath(storage.Sqlite.Path);
                silo.AddSqliteGrainStorageAsDefault(o => o.DatabasePath = path);
                silo.AddSqliteGrainStorage(StreamNames.PubSubStore, o => o.DatabasePath = path);
                UseOrleansSerializer<SqliteGrainStorageOptions>(silo);
                silo.UseSqliteReminderService(o => o.DatabasePath = path);
                break;
            case StorageProviderKind.DynamoDb:
                var dynamo = storage.DynamoDb;
                silo.AddDynamoDBGrainStorageAsDefault(o => Table(o, dynamo, "grain-state"));
                silo.AddDynamoDBGrainStorage(StreamNames.PubSubStore, o => Table(o, dynamo, "pubsub"));
                UseOrleansSerializer<DynamoDBStorageOptions>(silo);
                silo.UseDynamoDBReminderService(o => Table(o, dynamo, "reminders"));
                if (mode == HostingMode.Cluster)
                {
                    silo.UseDynamoDBClustering(o => Table(o, dynamo, "membership"));
                }

                break;
            default:
                throw new InvalidOperationException(
                    $"Storage:Provider={storage.Provider} with Hosting:Mode={mode} is not a supported combination: a cluster needs DynamoDb (membership lives there); the embedded mode takes Sqlite, DynamoDb or Memory.");
        }
    }

    private static void Table(DynamoDBTableOptions options, DynamoDbStorageOptions settings, string table)
    {
        options.Service = settings.ServiceUrl ?? settings.Region;
        options.TableName = settings.TablePrefix + table;
        options.CreateIfNotExists = settings.CreateTables;
    }

    /// <summary>
    /// Stream pub-sub state is Orleans' own type, made for Orleans' serializer; our JSON default is for our states.
    /// </summary>
    private static void UseOrleansSerializer<TOptions>(ISiloBuilder silo)
        where TOptions : class, IGrainStateStorageOptions =>
        silo.Services.AddOptions<TOptions>(StreamNames.PubSubStore)
            .Configure<Serializer>((options, serializer) => options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
}
