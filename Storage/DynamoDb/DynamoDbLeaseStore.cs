using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Glance.Storage.DynamoDb;

/// <summary>
/// Leases as items { id: resource, o: owner (absent once released), t: fencing token, e: expiry in UTC ticks }, with
/// the fencing-token rules of the in-memory store. Every change is one conditional update; no read-modify-write.
/// </summary>
internal sealed class DynamoDbLeaseStore(IAmazonDynamoDB client, string table, TimeProvider clock) : ILeaseStore
{
    private const string Id = "id";
    private const string Owner = "o";
    private const string Token = "t";
    private const string Expires = "e";

    public async Task<Lease?> TryAcquireAsync(string resource, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(resource);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ValidateDuration(duration);
        var now = clock.GetUtcNow();
        var expiresAt = now + duration;

        // Changing hands (never leased, released, or expired, even if it was ours): the token grows.
        var take = new UpdateItemRequest
        {
            TableName = table,
            Key = Key(resource),
            UpdateExpression = "SET #o = :owner, #e = :expires, #t = if_not_exists(#t, :zero) + :one",
            ConditionExpression = "attribute_not_exists(#id) OR attribute_not_exists(#o) OR #e <= :now",
            ExpressionAttributeNames = new() { ["#id"] = Id, ["#o"] = Owner, ["#e"] = Expires, ["#t"] = Token },
            ExpressionAttributeValues = new()
            {
                [":owner"] = new AttributeValue { S = owner },
                [":expires"] = DynamoDbValues.Number(expiresAt.UtcTicks),
                [":now"] = DynamoDbValues.Number(now.UtcTicks),
                [":zero"] = DynamoDbValues.Number(0),
                [":one"] = DynamoDbValues.Number(1),
            },
            ReturnValues = ReturnValue.UPDATED_NEW,
        };
        if (await TryUpdateAsync(take, cancellationToken) is { } taken)
        {
            return new Lease(resource, owner, DynamoDbValues.ReadLong(taken, Token), expiresAt);
        }

        // Still validly ours: extend and keep the token.
        var extend = new UpdateItemRequest
        {
            TableName = table,
            Key = Key(resource),
            UpdateExpression = "SET #e = :expires",
            ConditionExpression = "#o = :owner AND #e > :now",
            ExpressionAttributeNames = new() { ["#o"] = Owner, ["#e"] = Expires },
            ExpressionAttributeValues = new()
            {
                [":owner"] = new AttributeValue { S = owner },
                [":expires"] = DynamoDbValues.Number(expiresAt.UtcTicks),
                [":now"] = DynamoDbValues.Number(now.UtcTicks),
            },
            ReturnValues = ReturnValue.ALL_NEW,
        };
        return await TryUpdateAsync(extend, cancellationToken) is { } extended
            ? new Lease(resource, owner, DynamoDbValues.ReadLong(extended, Token), expiresAt)
            : null;
    }

    public async Task<Lease?> RenewAsync(Lease lease, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ValidateDuration(duration);
        var expiresAt = clock.GetUtcNow() + duration;
        var request = HolderUpdate(lease, "SET #e = :expires");
        request.ExpressionAttributeNames["#e"] = Expires;
        request.ExpressionAttributeValues[":expires"] = DynamoDbValues.Number(expiresAt.UtcTicks);
        return await TryUpdateAsync(request, cancellationToken) is null ? null : lease with { ExpiresAt = expiresAt };
    }

    public async Task ReleaseAsync(Lease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);

        // The item (and its token) stays, so the next owner's token is still larger.
        var request = HolderUpdate(lease, "REMOVE #o SET #e = :released");
        request.ExpressionAttributeNames["#e"] = Expires;
        request.ExpressionAttributeValues[":released"] = DynamoDbValues.Number(0);
        await TryUpdateAsync(request, cancellationToken);
    }

    public async Task<Lease?> ReadAsync(string resource, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(resource);
        var request = new GetItemRequest { TableName = table, Key = Key(resource), ConsistentRead = true };
        var response = await DynamoDbCalls.RunAsync(table, $"reading the lease {resource}", () => client.GetItemAsync(request, cancellationToken));
        if (response.Item is not { Count: > 0 } item || !item.TryGetValue(Owner, out var owner) || owner.S is null)
        {
            return null;
        }

        return new Lease(resource, owner.S, DynamoDbValues.ReadLong(item, Token), new DateTimeOffset(DynamoDbValues.ReadLong(item, Expires), TimeSpan.Zero));
    }

    private static void ValidateDuration(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A lease duration must be positive.");
        }
    }

    private static Dictionary<string, AttributeValue> Key(string resource) => new() { [Id] = new AttributeValue { S = resource } };

    /// <summary>An update that applies only while the lease is still held under the same owner and token.</summary>
    private UpdateItemRequest HolderUpdate(Lease lease, string updateExpression) => new()
    {
        TableName = table,
        Key = Key(lease.Resource),
        UpdateExpression = updateExpression,
        ConditionExpression = "#o = :owner AND #t = :token",
        ExpressionAttributeNames = new() { ["#o"] = Owner, ["#t"] = Token },
        ExpressionAttributeValues = new()
        {
            [":owner"] = new AttributeValue { S = lease.Owner },
            [":token"] = DynamoDbValues.Number(lease.Token),
        },
    };

    /// <returns>The attributes the request asked for (possibly empty), or null when its condition failed.</returns>
    private async Task<Dictionary<string, AttributeValue>?> TryUpdateAsync(UpdateItemRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await DynamoDbCalls.RunAsync(table, "a lease", () => client.UpdateItemAsync(request, cancellationToken));
            return response.Attributes ?? [];
        }
        catch (ConditionalCheckFailedException)
        {
            return null;
        }
    }
}
