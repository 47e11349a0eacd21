using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Glance.Storage.DynamoDb;
using Orleans.Configuration;
namespace Glance.Storage.Reminders;

/// <summary>
/// Orleans' <see cref="IReminderTable"/> in DynamoDB (schema on <see cref="DynamoDBReminderStorageOptions"/>).
/// Reads by grain are consistent queries on the table; ring-range reads go through the grain-hash index, which is
/// eventually consistent, as in Orleans' own DynamoDB reminder table: the reminder service re-reads its ranges.
/// </summary>
public sealed class DynamoDBReminderTable : ReminderTableBase, IDisposable
{
    private const string Id = "id";
    private const string Name = "n";
    private const string Service = "s";
    private const string Hash = "h";
    private const string Grain = "g";
    private const string StartAt = "t";
    private const string Period = "p";
    private const string ETag = "e";
    private const string HashIndex = "service-hash";

    private readonly IAmazonDynamoDB client;
    private readonly DynamoDBReminderStorageOptions options;
    private readonly string table;
    private readonly string serviceId;

    public DynamoDBReminderTable(IOptions<DynamoDBReminderStorageOptions> options, IOptions<ClusterOptions> cluster)
    {
        this.options = options.Value;
        table = this.options.TableName;
        serviceId = cluster.Value.ServiceId;
        ArgumentException.ThrowIfNullOrEmpty(serviceId, "ClusterOptions.ServiceId");
        if (serviceId.Contains('/', StringComparison.Ordinal))
        {
            // The first "/" of an item id ends the service id; grain ids may contain "/" themselves.
            throw new ArgumentException($"A service id may not contain '/' ('{serviceId}').", nameof(cluster));
        }

        client = DynamoDbClientFactory.Create(this.options);
    }

    public override Task StartAsync(CancellationToken cancellationToken = default)
    {
        var request = new CreateTableRequest
        {
            TableName = table,
            KeySchema = [new KeySchemaElement(Id, KeyType.HASH), new KeySchemaElement(Name, KeyType.RANGE)],
            AttributeDefinitions =
            [
                new AttributeDefinition(Id, ScalarAttributeType.S),
                new AttributeDefinition(Name, ScalarAttributeType.S),
                new AttributeDefinition(Service, ScalarAttributeType.S),
                new AttributeDefinition(Hash, ScalarAttributeType.N),
            ],
            GlobalSecondaryIndexes =
            [
                new GlobalSecondaryIndex
                {
                    IndexName = HashIndex,
                    KeySchema = [new KeySchemaElement(Service, KeyType.HASH), new KeySchemaElement(Hash, KeyType.RANGE)],
                    Projection = new Projection { ProjectionType = ProjectionType.ALL },
                },
            ],
        };
        return DynamoDbTableCreator.EnsureAsync(client, request, options, cancellationToken);
    }

    public override async Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken)
    {
        var request = new QueryRequest
        {
            TableName = table,
            ConsistentRead = true,
            KeyConditionExpression = "#id = :id",
            ExpressionAttributeNames = new() { ["#id"] = Id },
            ExpressionAttributeValues = new() { [":id"] = new AttributeValue { S = ItemId(grainId) } },
        };
        return new ReminderTableData(await QueryAllAsync(request, cancellationToken));
    }

    public override async Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken)
    {
        var entries = new List<ReminderEntry>();
        foreach (var (from, to) in new GrainHashRange(begin, end).InclusiveIntervals())
        {
            entries.AddRange(await QueryAllAsync(new QueryRequest
            {
                TableName = table,
                IndexName = HashIndex,
                KeyConditionExpression = "#s = :s AND #h BETWEEN :from AND :to",
                ExpressionAttributeNames = new() { ["#s"] = Service, ["#h"] = Hash },
                ExpressionAttributeValues = new()
                {
                    [":s"] = new AttributeValue { S = serviceId },
                    [":from"] = DynamoDbValues.Number(from),
                    [":to"] = DynamoDbValues.Number(to),
                },
            }, cancellationToken));
        }

        return new ReminderTableData(entries);
    }

    public override async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        var request = new GetItemRequest { TableName = table, Key = Key(grainId, reminderName), ConsistentRead = true };
        var response = await DynamoDbCalls.RunAsync(table, $"reading reminder {reminderName} of {grainId}", () => client.GetItemAsync(request, cancellationToken));
        return response.Item is { Count: > 0 } item ? ToEntry(item) : null;
    }

    public override async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ReminderValues.Validate(entry);
        var version = RowVersion.NewRow();
        var item = Key(entry.GrainId, entry.ReminderName);
        item[Service] = new AttributeValue { S = serviceId };
        item[Hash] = DynamoDbValues.Number(entry.GrainId.GetUniformHashCode());
        item[Grain] = new AttributeValue { S = entry.GrainId.ToString() };
        item[StartAt] = DynamoDbValues.Number(ReminderValues.StartAtTicks(entry.StartAt));
        item[Period] = DynamoDbValues.Number(entry.Period.Ticks);
        item[ETag] = DynamoDbValues.Number(version);
        var request = new PutItemRequest { TableName = table, Item = item };
        await DynamoDbCalls.RunAsync(table, $"reminder {entry.ReminderName} of {entry.GrainId}", () => client.PutItemAsync(request, cancellationToken));
        return RowVersion.ToETag(version);
    }

    public override async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        if (eTag is null || !RowVersion.TryParse(eTag, out var version))
        {
            return false;
        }

        var request = new DeleteItemRequest
        {
            TableName = table,
            Key = Key(grainId, reminderName),
            ConditionExpression = "#e = :e",
            ExpressionAttributeNames = new() { ["#e"] = ETag },
            ExpressionAttributeValues = new() { [":e"] = DynamoDbValues.Number(version) },
        };
        try
        {
            await DynamoDbCalls.RunAsync(table, $"removing reminder {reminderName} of {grainId}", () => client.DeleteItemAsync(request, cancellationToken));
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    public override async Task TestOnlyClearTable(CancellationToken cancellationToken)
    {
        foreach (var entry in (await ReadRows(0, 0, cancellationToken)).Reminders)
        {
            await client.DeleteItemAsync(new DeleteItemRequest { TableName = table, Key = Key(entry.GrainId, entry.ReminderName) }, cancellationToken);
        }
    }

    public void Dispose() => client.Dispose();

    private string ItemId(GrainId grainId) => $"{serviceId}/{grainId}";

    private Dictionary<string, AttributeValue> Key(GrainId grainId, string reminderName)
    {
        ArgumentException.ThrowIfNullOrEmpty(reminderName);
        return new()
        {
            [Id] = new AttributeValue { S = ItemId(grainId) },
            [Name] = new AttributeValue { S = reminderName },
        };
    }

    private async Task<List<ReminderEntry>> QueryAllAsync(QueryRequest request, CancellationToken cancellationToken)
    {
        var entries = new List<ReminderEntry>();
        do
        {
            var response = await DynamoDbCalls.RunAsync(table, "reading reminders", () => client.QueryAsync(request, cancellationToken));
            entries.AddRange((response.Items ?? []).Select(ToEntry));
            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (request.ExclusiveStartKey is not null);

        return entries;
    }

    private static ReminderEntry ToEntry(Dictionary<string, AttributeValue> item) => new()
    {
        GrainId = GrainId.Parse(item.TryGetValue(Grain, out var grain) ? grain.S : throw new DynamoDbStorageException("A reminder item has no grain id.")),
        ReminderName = item[Name].S,
        StartAt = ReminderValues.StartAt(DynamoDbValues.ReadLong(item, StartAt)),
        Period = TimeSpan.FromTicks(DynamoDbValues.ReadLong(item, Period)),
        ETag = RowVersion.ToETag(DynamoDbValues.ReadLong(item, ETag)),
    };
}
