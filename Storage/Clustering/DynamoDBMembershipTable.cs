using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Glance.Storage.DynamoDb;
using Orleans.Configuration;
namespace Glance.Storage.Clustering;

/// <summary>
/// Orleans' <see cref="IMembershipTable"/> in DynamoDB, one item per cluster (see <see cref="MembershipItem"/>).
/// Inserts and updates are single UpdateItem calls conditional on the table version's ETag and on the row (absent
/// for an insert, its ETag for an update), so of two silos acting on the same read exactly one succeeds.
/// </summary>
public sealed class DynamoDBMembershipTable : IMembershipTable, IDisposable
{
    private readonly IAmazonDynamoDB client;
    private readonly DynamoDBClusteringOptions options;
    private readonly string table;
    private readonly string clusterId;

    public DynamoDBMembershipTable(IOptions<DynamoDBClusteringOptions> options, IOptions<ClusterOptions> cluster)
    {
        this.options = options.Value;
        table = this.options.TableName;
        clusterId = cluster.Value.ClusterId;
        ArgumentException.ThrowIfNullOrEmpty(clusterId, "ClusterOptions.ClusterId");
        client = DynamoDbClientFactory.Create(this.options);
    }

    public async Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken)
    {
        var request = new CreateTableRequest
        {
            TableName = table,
            KeySchema = [new KeySchemaElement(MembershipItem.Id, KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition(MembershipItem.Id, ScalarAttributeType.S)],
        };
        await DynamoDbTableCreator.EnsureAsync(client, request, options, cancellationToken);
        if (!tryInitTableVersion)
        {
            return;
        }

        var put = new PutItemRequest
        {
            TableName = table,
            Item = new()
            {
                [MembershipItem.Id] = new AttributeValue { S = clusterId },
                [MembershipItem.Version] = DynamoDbValues.Number(0),
                [MembershipItem.VersionETag] = NewVersionETag(),
                [MembershipItem.Rows] = new AttributeValue { M = [] },
            },
            ConditionExpression = "attribute_not_exists(#id)",
            ExpressionAttributeNames = new() { ["#id"] = MembershipItem.Id },
        };
        try
        {
            await DynamoDbCalls.RunAsync(table, $"the membership of cluster {clusterId}", () => client.PutItemAsync(put, cancellationToken));
        }
        catch (ConditionalCheckFailedException)
        {
            // Another silo initialized it, or the cluster has members already: both fine.
        }
    }

    public async Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken)
    {
        var item = await ReadItemAsync(cancellationToken);
        return new MembershipTableData(MembershipItem.ReadRows(item), MembershipItem.ReadVersion(item));
    }

    public async Task<MembershipTableData> ReadRowAsync(SiloAddress key, CancellationToken cancellationToken)
    {
        var item = await ReadItemAsync(cancellationToken);
        var version = MembershipItem.ReadVersion(item);
        return MembershipItem.ReadRows(item).Find(row => row.Item1.SiloAddress.Equals(key)) is { } row
            ? new MembershipTableData(row, version)
            : new MembershipTableData(version);
    }

    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var request = RowWrite(entry, RowVersion.NewRow(), tableVersion);
        request.ConditionExpression = "#ve = :expectedVersion AND attribute_not_exists(#m.#silo)";
        return TryWriteAsync(request, $"inserting {entry.SiloAddress}", cancellationToken);
    }

    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (etag is null || !RowVersion.TryParse(etag, out var expected))
        {
            return Task.FromResult(false);
        }

        var request = RowWrite(entry, RowVersion.Next(expected), tableVersion);
        request.ConditionExpression = "#ve = :expectedVersion AND #m.#silo.#e = :expectedRow";
        request.ExpressionAttributeNames["#e"] = MembershipItem.RowETag;
        request.ExpressionAttributeValues[":expectedRow"] = DynamoDbValues.Number(expected);
        return TryWriteAsync(request, $"updating {entry.SiloAddress}", cancellationToken);
    }

    /// <summary>Touches only the row's I-am-alive time: neither its ETag nor the table version changes.</summary>
    public async Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var request = new UpdateItemRequest
        {
            TableName = table,
            Key = ItemKey(clusterId),
            UpdateExpression = "SET #m.#silo.#ia = :alive",
            ConditionExpression = "attribute_exists(#m.#silo)",
            ExpressionAttributeNames = new() { ["#m"] = MembershipItem.Rows, ["#silo"] = MembershipItem.RowKey(entry.SiloAddress), ["#ia"] = MembershipItem.IAmAlive },
            ExpressionAttributeValues = new() { [":alive"] = MembershipItem.Time(entry.IAmAliveTime) },
        };
        try
        {
            await DynamoDbCalls.RunAsync(table, $"I-am-alive of {entry.SiloAddress}", () => client.UpdateItemAsync(request, cancellationToken));
        }
        catch (ConditionalCheckFailedException error)
        {
            throw new DynamoDbStorageException($"Cluster {clusterId} has no membership row for {entry.SiloAddress} to mark alive.", error);
        }
    }

    public Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        var request = new DeleteItemRequest { TableName = table, Key = ItemKey(clusterId) };
        return DynamoDbCalls.RunAsync(table, $"deleting the membership of cluster {clusterId}", () => client.DeleteItemAsync(request, cancellationToken));
    }

    /// <summary>
    /// Removes rows of silos that are not Active and have not been alive since <paramref name="beforeDate"/>, each
    /// only if unchanged since read (a silo that just wrote its row keeps it). The table version stays, as in Orleans.
    /// </summary>
    public async Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken)
    {
        var defunct = MembershipItem.ReadRows(await ReadItemAsync(cancellationToken))
            .Where(row => row.Item1.Status != SiloStatus.Active && DateTime.SpecifyKind(row.Item1.IAmAliveTime, DateTimeKind.Utc) < beforeDate.UtcDateTime);
        foreach (var (entry, etag) in defunct)
        {
            var request = new UpdateItemRequest
            {
                TableName = table,
                Key = ItemKey(clusterId),
                UpdateExpression = "REMOVE #m.#silo",
                ConditionExpression = "#m.#silo.#e = :etag",
                ExpressionAttributeNames = new() { ["#m"] = MembershipItem.Rows, ["#silo"] = MembershipItem.RowKey(entry.SiloAddress), ["#e"] = MembershipItem.RowETag },
                ExpressionAttributeValues = new() { [":etag"] = new AttributeValue { N = etag } },
            };
            try
            {
                await DynamoDbCalls.RunAsync(table, $"removing defunct {entry.SiloAddress}", () => client.UpdateItemAsync(request, cancellationToken));
            }
            catch (ConditionalCheckFailedException)
            {
                // Changed since read: no longer ours to judge defunct.
            }
        }
    }

    // The contract's members without a cancellation token are obsolete in Orleans 10 but still abstract.
    public Task InitializeMembershipTable(bool tryInitTableVersion) => InitializeMembershipTableAsync(tryInitTableVersion, CancellationToken.None);

    public Task<MembershipTableData> ReadAll() => ReadAllAsync(CancellationToken.None);

    public Task<MembershipTableData> ReadRow(SiloAddress key) => ReadRowAsync(key, CancellationToken.None);

    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) => InsertRowAsync(entry, tableVersion, CancellationToken.None);

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) => UpdateRowAsync(entry, etag, tableVersion, CancellationToken.None);

    public Task UpdateIAmAlive(MembershipEntry entry) => UpdateIAmAliveAsync(entry, CancellationToken.None);

    public Task DeleteMembershipTableEntries(string clusterId) => DeleteMembershipTableEntriesAsync(clusterId, CancellationToken.None);

    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => CleanupDefunctSiloEntriesAsync(beforeDate, CancellationToken.None);

    public void Dispose() => client.Dispose();

    private static Dictionary<string, AttributeValue> ItemKey(string cluster) => new() { [MembershipItem.Id] = new AttributeValue { S = cluster } };

    private static AttributeValue NewVersionETag() => new() { S = RowVersion.ToETag(RowVersion.NewRow()) };

    /// <summary>Sets the row and moves the table to <paramref name="tableVersion"/>; the caller adds the condition.</summary>
    private UpdateItemRequest RowWrite(MembershipEntry entry, long rowETag, TableVersion tableVersion)
    {
        ArgumentNullException.ThrowIfNull(tableVersion);
        return new UpdateItemRequest
        {
            TableName = table,
            Key = ItemKey(clusterId),
            UpdateExpression = "SET #m.#silo = :row, #v = :version, #ve = :newVersion",
            ExpressionAttributeNames = new()
            {
                ["#m"] = MembershipItem.Rows,
                ["#silo"] = MembershipItem.RowKey(entry.SiloAddress),
                ["#v"] = MembershipItem.Version,
                ["#ve"] = MembershipItem.VersionETag,
            },
            ExpressionAttributeValues = new()
            {
                [":row"] = MembershipItem.Row(entry, rowETag),
                [":version"] = DynamoDbValues.Number(tableVersion.Version),
                [":newVersion"] = NewVersionETag(),
                [":expectedVersion"] = new AttributeValue { S = tableVersion.VersionEtag },
            },
        };
    }

    private async Task<bool> TryWriteAsync(UpdateItemRequest request, string what, CancellationToken cancellationToken)
    {
        try
        {
            await DynamoDbCalls.RunAsync(table, what, () => client.UpdateItemAsync(request, cancellationToken));
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            // The SDK retries a request whose response was lost; the retry of a write that did land then fails its
            // own condition. The fresh version ETag is ours alone, so finding it stored means this write won.
            var written = request.ExpressionAttributeValues[":newVersion"].S;
            return MembershipItem.ReadVersion(await ReadItemAsync(cancellationToken)).VersionEtag == written;
        }
    }

    private async Task<Dictionary<string, AttributeValue>?> ReadItemAsync(CancellationToken cancellationToken)
    {
        var request = new GetItemRequest { TableName = table, Key = ItemKey(clusterId), ConsistentRead = true };
        var response = await DynamoDbCalls.RunAsync(table, $"reading the membership of cluster {clusterId}", () => client.GetItemAsync(request, cancellationToken));
        return response.Item is { Count: > 0 } item ? item : null;
    }
}
