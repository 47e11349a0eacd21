using Glance.Storage.DynamoDb;
using Glance.Storage.Sqlite;

namespace Glance.Storage.Persistence;

/// <summary>The stores behind <see cref="StateStoreGrainStorage"/>, built from each provider's options.</summary>
internal static class GrainStateBackends
{
    public static GrainStateBackend Sqlite(SqliteGrainStorageOptions options)
    {
        var connections = new SqliteConnectionFactory(Path.GetFullPath(options.DatabasePath));
        return new GrainStateBackend(
            new SqliteGrainStateStore(connections),
            cancellationToken => SqliteSchema.EnsureAsync(connections, cancellationToken),
            connections);
    }

    public static GrainStateBackend DynamoDB(DynamoDBStorageOptions options)
    {
        var client = DynamoDbClientFactory.Create(options);
        return new GrainStateBackend(
            new DynamoDbGrainStateStore(client, options.TableName),
            cancellationToken => DynamoDbTableCreator.EnsureAsync(client, DynamoDbTables.GrainStateTable(options.TableName), options, cancellationToken),
            client);
    }
}
