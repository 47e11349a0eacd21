using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Glance.Storage.DynamoDb;

/// <summary>
/// BatchWriteItem in chunks of 25 (the service maximum), a few chunks in flight at once, with bounded, backed-off
/// retries of the items the service leaves unprocessed under throttling.
/// </summary>
internal static class DynamoDbBatchWriter
{
    public const int MaxBatchSize = 25;

    private const int MaxConcurrentChunks = 4;

    private const int MaxAttempts = 8;

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(50);

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);

    /// <param name="requests">Puts and deletes with distinct keys: the service refuses a batch that names a key twice.</param>
    public static async Task WriteAsync(IAmazonDynamoDB client, string table, IReadOnlyList<WriteRequest> requests, CancellationToken cancellationToken)
    {
        if (requests.Count <= MaxBatchSize)
        {
            await WriteChunkAsync(client, table, [.. requests], cancellationToken);
            return;
        }

        var chunks = requests.Chunk(MaxBatchSize).Select(chunk => chunk.ToList());
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentChunks, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(chunks, parallel, async (chunk, token) => await WriteChunkAsync(client, table, chunk, token));
    }

    private static async Task WriteChunkAsync(IAmazonDynamoDB client, string table, List<WriteRequest> chunk, CancellationToken cancellationToken)
    {
        var pending = chunk;
        var backoff = FirstBackoff;
        for (var attempt = 1; ; attempt++)
        {
            var request = new BatchWriteItemRequest { RequestItems = new Dictionary<string, List<WriteRequest>> { [table] = pending } };
            var response = await DynamoDbCalls.RunAsync(table, "a batch write", () => client.BatchWriteItemAsync(request, cancellationToken));
            if (response.UnprocessedItems is null
                || !response.UnprocessedItems.TryGetValue(table, out var unprocessed)
                || unprocessed is not { Count: > 0 })
            {
                return;
            }

            if (attempt == MaxAttempts)
            {
                throw new DynamoDbStorageException(
                    $"DynamoDB left {unprocessed.Count} of {chunk.Count} writes to '{table}' unprocessed after {MaxAttempts} attempts (throttled).");
            }

            pending = unprocessed;
            await Task.Delay(backoff + TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)backoff.TotalMilliseconds)), cancellationToken);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }
}
