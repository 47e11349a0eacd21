using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Orleans.Storage;

namespace Glance.Storage.DynamoDb;

/// <summary>
/// Grain state items { id: type + "/" + key, v: version, d: data }. Writes are conditional on the version attribute
/// (or on the item's absence for a null ETag), so a lost race surfaces as <see cref="InconsistentStateException"/>.
/// </summary>
internal sealed class DynamoDbGrainStateStore(IAmazonDynamoDB client, string table) : IGrainStateStore
{
    private const string Id = "id";
    private const string Version = "v";
    private const string Data = "d";

    // Attribute names and the version number, counted towards the item size.
    private const int FixedItemBytes = 4 + DynamoDbItemSize.MaxNumberBytes;

    public async Task<StoredState?> ReadAsync(string grainType, string grainKey, CancellationToken cancellationToken)
    {
        var id = ItemId(grainType, grainKey);
        var request = new GetItemRequest { TableName = table, Key = Key(id), ConsistentRead = true };
        var response = await DynamoDbCalls.RunAsync(table, $"reading the state of {id}", () => client.GetItemAsync(request, cancellationToken));
        if (response.Item is not { Count: > 0 } item)
        {
            return null;
        }

        return new StoredState(DynamoDbValues.ReadBinary(item, Data), RowVersion.ToETag(DynamoDbValues.ReadLong(item, Version)));
    }

    public async Task<string> WriteAsync(string grainType, string grainKey, ReadOnlyMemory<byte> data, string? expectedETag, CancellationToken cancellationToken)
    {
        var id = ItemId(grainType, grainKey);
        DynamoDbItemSize.EnsureWithinLimit($"The state of {id}", id, data.Length, FixedItemBytes);

        long newVersion;
        var request = new PutItemRequest { TableName = table };
        if (expectedETag is null)
        {
            newVersion = RowVersion.NewRow();
            request.ConditionExpression = "attribute_not_exists(#id)";
            request.ExpressionAttributeNames = new() { ["#id"] = Id };
        }
        else if (RowVersion.TryParse(expectedETag, out var expected))
        {
            newVersion = RowVersion.Next(expected);
            request.ConditionExpression = "#v = :expected";
            request.ExpressionAttributeNames = new() { ["#v"] = Version };
            request.ExpressionAttributeValues = new() { [":expected"] = DynamoDbValues.Number(expected) };
        }
        else
        {
            throw await ConflictAsync(grainType, grainKey, expectedETag, cancellationToken);
        }

        request.Item = Key(id);
        request.Item[Version] = DynamoDbValues.Number(newVersion);
        DynamoDbValues.AddBinary(request.Item, Data, data);
        try
        {
            await DynamoDbCalls.RunAsync(table, $"the state of {id}", () => client.PutItemAsync(request, cancellationToken));
        }
        catch (ConditionalCheckFailedException)
        {
            // The SDK retries a request whose response was lost; the retry of a put that did succeed then fails its
            // own condition. Finding exactly our version and bytes stored means this write is the one that landed.
            var stored = await ReadAsync(grainType, grainKey, cancellationToken);
            if (stored is not null && stored.ETag == RowVersion.ToETag(newVersion) && stored.Data.Span.SequenceEqual(data.Span))
            {
                return stored.ETag;
            }

            throw Conflict(id, stored?.ETag, expectedETag);
        }

        return RowVersion.ToETag(newVersion);
    }

    public async Task ClearAsync(string grainType, string grainKey, string? expectedETag, CancellationToken cancellationToken)
    {
        var id = ItemId(grainType, grainKey);
        var request = new DeleteItemRequest { TableName = table, Key = Key(id) };
        if (expectedETag is null)
        {
            // Deleting nothing succeeds only while there is still nothing.
            request.ConditionExpression = "attribute_not_exists(#id)";
            request.ExpressionAttributeNames = new() { ["#id"] = Id };
        }
        else if (RowVersion.TryParse(expectedETag, out var expected))
        {
            request.ConditionExpression = "#v = :expected";
            request.ExpressionAttributeNames = new() { ["#v"] = Version };
            request.ExpressionAttributeValues = new() { [":expected"] = DynamoDbValues.Number(expected) };
        }
        else
        {
            throw await ConflictAsync(grainType, grainKey, expectedETag, cancellationToken);
        }

        try
        {
            await DynamoDbCalls.RunAsync(table, $"clearing the state of {id}", () => client.DeleteItemAsync(request, cancellationToken));
        }
        catch (ConditionalCheckFailedException)
        {
            throw await ConflictAsync(grainType, grainKey, expectedETag, cancellationToken);
        }
    }

    /// <summary>The first "/" ends the type, so "/" is refused in types and allowed in keys: ids cannot collide.</summary>
    private static string ItemId(string grainType, string grainKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(grainType);
        ArgumentNullException.ThrowIfNull(grainKey);
        if (grainType.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"A grain type may not contain '/' ('{grainType}').", nameof(grainType));
        }

        return string.Concat(grainType, "/", grainKey);
    }

    private static Dictionary<string, AttributeValue> Key(string id) => new() { [Id] = new AttributeValue { S = id } };

    // The stored ETag is read only to make the error informative; it may already be stale.
    private async Task<InconsistentStateException> ConflictAsync(string grainType, string grainKey, string? expectedETag, CancellationToken cancellationToken)
    {
        var id = ItemId(grainType, grainKey);
        var request = new GetItemRequest
        {
            TableName = table,
            Key = Key(id),
            ConsistentRead = true,
            ProjectionExpression = "#v",
            ExpressionAttributeNames = new() { ["#v"] = Version },
        };
        var response = await DynamoDbCalls.RunAsync(table, $"reading the version of {id}", () => client.GetItemAsync(request, cancellationToken));
        var stored = response.Item is { Count: > 0 } item ? RowVersion.ToETag(DynamoDbValues.ReadLong(item, Version)) : null;
        return Conflict(id, stored, expectedETag);
    }

    private static InconsistentStateException Conflict(string id, string? storedETag, string? expectedETag) => new(
        $"State of {id} changed since it was read (stored ETag {storedETag ?? "none"}, expected {expectedETag ?? "none"}).",
        storedETag,
        expectedETag);
}
