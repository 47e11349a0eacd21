using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Glance.Storage.DynamoDb;

/// <summary>
/// Creates the three tables (on demand capacity) or checks that they exist. Key schemas:
/// grain-state: "id" (S, grain type + "/" + key); sorted-records: "p" (S) + "s" (N); leases: "id" (S).
/// </summary>
internal sealed class DynamoDbTables(IAmazonDynamoDB client, DynamoDbTableNames names)
{
    /// <summary>Real DynamoDB usually activates a table in seconds; this bounds a stuck creation.</summary>
    private static readonly TimeSpan ActivationTimeout = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan MaxPollInterval = TimeSpan.FromSeconds(2);

    public async Task EnsureAsync(bool createMissing, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(names.GrainState, [new KeySchemaElement("id", KeyType.HASH)], [new AttributeDefinition("id", ScalarAttributeType.S)], createMissing, cancellationToken);
        await EnsureTableAsync(
            names.SortedRecords,
            [new KeySchemaElement("p", KeyType.HASH), new KeySchemaElement("s", KeyType.RANGE)],
            [new AttributeDefinition("p", ScalarAttributeType.S), new AttributeDefinition("s", ScalarAttributeType.N)],
            createMissing,
            cancellationToken);
        await EnsureTableAsync(names.Leases, [new KeySchemaElement("id", KeyType.HASH)], [new AttributeDefinition("id", ScalarAttributeType.S)], createMissing, cancellationToken);
    }

    /// <summary>One round trip that fails when the service or the table is unavailable.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var status = await DescribeStatusAsync(names.GrainState, cancellationToken)
            ?? throw DynamoDbCalls.TableMissing(names.GrainState, null);
        if (status != TableStatus.ACTIVE && status != TableStatus.UPDATING)
        {
            throw new DynamoDbStorageException($"The DynamoDB table '{names.GrainState}' is {status}, not ACTIVE.");
        }
    }

    private async Task EnsureTableAsync(
        string table, List<KeySchemaElement> keys, List<AttributeDefinition> attributes, bool createMissing, CancellationToken cancellationToken)
    {
        var status = await DescribeStatusAsync(table, cancellationToken);
        if (status is null)
        {
            if (!createMissing)
            {
                throw DynamoDbCalls.TableMissing(table, null);
            }

            try
            {
                var request = new CreateTableRequest
                {
                    TableName = table,
                    KeySchema = keys,
                    AttributeDefinitions = attributes,
                    BillingMode = BillingMode.PAY_PER_REQUEST,
                };
                await client.CreateTableAsync(request, cancellationToken);
            }
            catch (ResourceInUseException)
            {
                // Another silo created it first.
            }
        }

        await WaitUntilActiveAsync(table, cancellationToken);
    }

    private async Task WaitUntilActiveAsync(string table, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        var interval = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            var status = await DescribeStatusAsync(table, cancellationToken);
            if (status == TableStatus.ACTIVE)
            {
                return;
            }

            if (waited.Elapsed > ActivationTimeout)
            {
                throw new DynamoDbStorageException($"The DynamoDB table '{table}' is still {status?.Value ?? "missing"} after {ActivationTimeout.TotalSeconds:0} s.");
            }

            // Real time on purpose: this waits for a remote service, not for the application's (possibly simulated) clock.
            await Task.Delay(interval, cancellationToken);
            interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, MaxPollInterval.Ticks));
        }
    }

    private async Task<TableStatus?> DescribeStatusAsync(string table, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.DescribeTableAsync(new DescribeTableRequest { TableName = table }, cancellationToken);
            return response.Table.TableStatus;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }
}
