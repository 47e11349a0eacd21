using System.Reflection;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Glance.Tests.Storage;

/// <summary>
/// A real DynamoDB client (talking to dynalite) that behaves as a throttled table does: each BatchWriteItem writes
/// only part of its items and hands the rest back as UnprocessedItems. dynalite never throttles, so this is the only
/// way to exercise the retry path against a real server.
/// </summary>
public class ThrottlingDynamoDbProxy : DispatchProxy
{
    private IAmazonDynamoDB inner = null!;
    private bool processNothing;
    private int batchCalls;

    public int BatchCalls => batchCalls;

    /// <param name="processNothing">Hand every item back, as a table that stays throttled.</param>
    public static (IAmazonDynamoDB Client, ThrottlingDynamoDbProxy Proxy) Wrap(IAmazonDynamoDB inner, bool processNothing)
    {
        var client = Create<IAmazonDynamoDB, ThrottlingDynamoDbProxy>();
        var proxy = (ThrottlingDynamoDbProxy)(object)client;
        proxy.inner = inner;
        proxy.processNothing = processNothing;
        return (client, proxy);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IAmazonDynamoDB.BatchWriteItemAsync) && args is [BatchWriteItemRequest request, CancellationToken token])
        {
            return WriteSomeAsync(request, token);
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
        var written = processNothing ? 0 : (items.Count + 1) / 2;
        if (written > 0)
        {
            var part = new BatchWriteItemRequest { RequestItems = new() { [table] = items.Take(written).ToList() } };
            await inner.BatchWriteItemAsync(part, cancellationToken);
        }

        var rest = items.Skip(written).ToList();
        return new BatchWriteItemResponse { UnprocessedItems = rest.Count == 0 ? [] : new() { [table] = rest } };
    }
}
