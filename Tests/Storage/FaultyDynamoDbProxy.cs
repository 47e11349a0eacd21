using System.Reflection;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Glance.Tests.Storage;

/// <summary>
/// A real DynamoDB client (talking to dynalite) with one failure mode of the real service or network injected.
/// dynalite never throttles and loopback never loses a response, so this is the only way to exercise those paths
/// against a real server.
/// </summary>
public class FaultyDynamoDbProxy : DispatchProxy
{
    private IAmazonDynamoDB inner = null!;
    private DynamoDbFault fault;
    private int batchCalls;

    public enum DynamoDbFault
    {
        /// <summary>Each BatchWriteItem writes half its items (rounded up) and returns the rest as unprocessed.</summary>
        PartialBatches,

        /// <summary>Each BatchWriteItem writes nothing and returns every item as unprocessed: a table that stays throttled.</summary>
        StuckBatches,

        /// <summary>Each PutItem is sent twice and the second answer returned: the SDK retrying after a lost response.</summary>
        RepeatedPuts,
    }

    public int BatchCalls => batchCalls;

    public static (IAmazonDynamoDB Client, FaultyDynamoDbProxy Proxy) Wrap(IAmazonDynamoDB inner, DynamoDbFault fault)
    {
        var client = Create<IAmazonDynamoDB, FaultyDynamoDbProxy>();
        var proxy = (FaultyDynamoDbProxy)(object)client;
        proxy.inner = inner;
        proxy.fault = fault;
        return (client, proxy);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        switch (targetMethod.Name, args, fault)
        {
            case (nameof(IAmazonDynamoDB.BatchWriteItemAsync), [BatchWriteItemRequest request, CancellationToken token], DynamoDbFault.PartialBatches or DynamoDbFault.StuckBatches):
                return WriteSomeAsync(request, token);
            case (nameof(IAmazonDynamoDB.PutItemAsync), [PutItemRequest request, CancellationToken token], DynamoDbFault.RepeatedPuts):
                return PutTwiceAsync(request, token);
        }

        try
        {
            return targetMethod.Invoke(inner, args);
        }
        catch (TargetInvocationException error) when (error.InnerException is not null)
        {
            throw error.InnerException;
        }
    }

    private async Task<BatchWriteItemResponse> WriteSomeAsync(BatchWriteItemRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref batchCalls);
        var (table, items) = request.RequestItems.Single();
        var written = fault == DynamoDbFault.StuckBatches ? 0 : (items.Count + 1) / 2;
        if (written > 0)
        {
            var part = new BatchWriteItemRequest { RequestItems = new() { [table] = items.Take(written).ToList() } };
            await inner.BatchWriteItemAsync(part, cancellationToken);
        }

        var rest = items.Skip(written).ToList();
        return new BatchWriteItemResponse { UnprocessedItems = rest.Count == 0 ? [] : new() { [table] = rest } };
    }

    private async Task<PutItemResponse> PutTwiceAsync(PutItemRequest request, CancellationToken cancellationToken)
    {
        await inner.PutItemAsync(request, cancellationToken);
        return await inner.PutItemAsync(request, cancellationToken);
    }
}
