using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Glance.Storage.DynamoDb;

/// <summary>Creates a table when it is missing (or only checks that it exists) and waits until it is active.</summary>
internal static class DynamoDbTableCreator
{
    /// <summary>Real DynamoDB usually activates a table in seconds; this bounds a stuck creation.</summary>
    private static readonly TimeSpan ActivationTimeout = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan MaxPollInterval = TimeSpan.FromSeconds(2);

    /// <summary>Ensures the table an Orleans provider keeps, created (when allowed) with the billing its options ask for.</summary>
    public static Task EnsureAsync(IAmazonDynamoDB client, CreateTableRequest request, DynamoDBTableOptions options, CancellationToken cancellationToken)
    {
        ApplyBilling(request, options);
        return EnsureAsync(client, request, options.CreateIfNotExists, cancellationToken);
    }

    /// <summary>Billing for tables an Orleans provider creates, from its options.</summary>
    private static void ApplyBilling(CreateTableRequest request, DynamoDBTableOptions options)
    {
        if (!options.UseProvisionedThroughput)
        {
            request.BillingMode = BillingMode.PAY_PER_REQUEST;
            return;
        }

        request.BillingMode = BillingMode.PROVISIONED;
        var throughput = new ProvisionedThroughput(options.ReadCapacityUnits, options.WriteCapacityUnits);
        request.ProvisionedThroughput = throughput;
        foreach (var index in request.GlobalSecondaryIndexes ?? [])
        {
            index.ProvisionedThroughput = throughput;
        }
    }

    /// <param name="request">The table as it would be created; only its name is used when it exists.</param>
    public static async Task EnsureAsync(IAmazonDynamoDB client, CreateTableRequest request, bool createMissing, CancellationToken cancellationToken)
    {
        var table = request.TableName;
        if (await DescribeStatusAsync(client, table, cancellationToken) is null)
        {
            if (!createMissing)
            {
                throw DynamoDbCalls.TableMissing(table, null);
            }

            try
            {
                await client.CreateTableAsync(request, cancellationToken);
            }
            catch (ResourceInUseException)
            {
                // Another silo created it first.
            }
        }

        await WaitUntilActiveAsync(client, table, cancellationToken);
    }

    public static async Task<TableStatus?> DescribeStatusAsync(IAmazonDynamoDB client, string table, CancellationToken cancellationToken)
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

    private static async Task WaitUntilActiveAsync(IAmazonDynamoDB client, string table, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        var interval = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            var status = await DescribeStatusAsync(client, table, cancellationToken);
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
}
