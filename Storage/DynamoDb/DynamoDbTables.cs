using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Glance.Storage.DynamoDb;

/// <summary>
/// Creates the two tables (on demand capacity) or checks that they exist. Key schemas:
/// grain-state: "id" (S, grain type + "/" + key); sorted-records: "p" (S) + "s" (N).
/// </summary>
internal sealed class DynamoDbTables(IAmazonDynamoDB client, DynamoDbTableNames names)
{
    public async Task EnsureAsync(bool createMissing, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(GrainStateTable(names.GrainState), createMissing, cancellationToken);
        await EnsureTableAsync(
            new CreateTableRequest
            {
                TableName = names.SortedRecords,
                KeySchema = [new KeySchemaElement("p", KeyType.HASH), new KeySchemaElement("s", KeyType.RANGE)],
                AttributeDefinitions = [new AttributeDefinition("p", ScalarAttributeType.S), new AttributeDefinition("s", ScalarAttributeType.N)],
            },
            createMissing,
            cancellationToken);
    }

    /// <summary>The key schema <see cref="DynamoDbGrainStateStore"/> needs, with no billing set.</summary>
    public static CreateTableRequest GrainStateTable(string table) => new()
    {
        TableName = table,
        KeySchema = [new KeySchemaElement("id", KeyType.HASH)],
        AttributeDefinitions = [new AttributeDefinition("id", ScalarAttributeType.S)],
    };

    /// <summary>One round trip that fails when the service or the table is unavailable.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var status = await DynamoDbTableCreator.DescribeStatusAsync(client, names.GrainState, cancellationToken)
            ?? throw DynamoDbCalls.TableMissing(names.GrainState, null);
        if (status != TableStatus.ACTIVE && status != TableStatus.UPDATING)
        {
            throw new DynamoDbStorageException($"The DynamoDB table '{names.GrainState}' is {status}, not ACTIVE.");
        }
    }

    private Task EnsureTableAsync(CreateTableRequest request, bool createMissing, CancellationToken cancellationToken)
    {
        request.BillingMode = BillingMode.PAY_PER_REQUEST;
        return DynamoDbTableCreator.EnsureAsync(client, request, createMissing, cancellationToken);
    }
}
