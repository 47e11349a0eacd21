using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Glance.Storage.DynamoDb;

/// <summary>
/// Sorted records as items { p: partition, s: sort key, d: data } in a table keyed (p, s). Pages follow
/// <see cref="SortedRecordPaging"/>: the token is the last sort key, never DynamoDB's own LastEvaluatedKey.
/// </summary>
internal sealed class DynamoDbSortedRecordStore(IAmazonDynamoDB client, string table) : ISortedRecordStore
{
    private const string Partition = "p";
    private const string SortKey = "s";
    private const string Data = "d";

    // Attribute names and the sort key number, counted towards the item size.
    private const int FixedItemBytes = 3 + DynamoDbItemSize.MaxNumberBytes;

    private const string RangeCondition = "#p = :p AND #s BETWEEN :from AND :to";

    public async Task PutAsync(string partition, IReadOnlyList<SortedRecord> records, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(partition);
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }

        // A batch may not name a key twice; within one put the last record for a key wins, as in the other stores.
        var latest = new Dictionary<long, SortedRecord>(records.Count);
        foreach (var record in records)
        {
            ArgumentNullException.ThrowIfNull(record, nameof(records));
            DynamoDbItemSize.EnsureWithinLimit(
                $"The record {partition}/{record.SortKey.ToString(CultureInfo.InvariantCulture)}", partition, record.Data.Length, FixedItemBytes);
            latest[record.SortKey] = record;
        }

        var requests = new List<WriteRequest>(latest.Count);
        foreach (var record in latest.Values)
        {
            var item = Key(partition, record.SortKey);
            DynamoDbValues.AddBinary(item, Data, record.Data);
            requests.Add(new WriteRequest { PutRequest = new PutRequest { Item = item } });
        }

        await DynamoDbBatchWriter.WriteAsync(client, table, requests, cancellationToken);
    }

    public async Task<SortedRecordPage> QueryAsync(
        string partition, SortKeyRange range, int limit, string? continuationToken, bool descending, CancellationToken cancellationToken)
    {
        if (SortedRecordPaging.Begin(partition, range, limit, continuationToken, descending) is not { } remaining)
        {
            return new SortedRecordPage([], null);
        }

        // One record past the page tells whether another page exists. DynamoDB stops a response at 1 MB, so keep
        // asking until the page is full or the range is exhausted.
        var wanted = limit + 1;
        var page = new List<SortedRecord>(Math.Min(wanted, 256));
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var request = RangeQuery(partition, remaining, descending);
            request.Limit = wanted - page.Count;
            request.ExclusiveStartKey = startKey;
            var response = await DynamoDbCalls.RunAsync(table, $"querying {partition}", () => client.QueryAsync(request, cancellationToken));
            foreach (var item in response.Items ?? [])
            {
                page.Add(new SortedRecord(DynamoDbValues.ReadLong(item, SortKey), DynamoDbValues.ReadBinary(item, Data)));
            }

            startKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (page.Count < wanted && startKey is not null);

        if (page.Count <= limit)
        {
            return new SortedRecordPage(page, null);
        }

        page.RemoveAt(limit);
        return new SortedRecordPage(page, SortedRecordPaging.TokenAfter(page[^1].SortKey));
    }

    public async Task<int> DeleteRangeAsync(string partition, SortKeyRange range, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(partition);
        var deleted = 0;
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            // Keys only: a 1 MB response then holds tens of thousands of them.
            var request = RangeQuery(partition, range, descending: false);
            request.ProjectionExpression = "#s";
            request.ExclusiveStartKey = startKey;
            var response = await DynamoDbCalls.RunAsync(table, $"querying {partition}", () => client.QueryAsync(request, cancellationToken));
            var items = response.Items ?? [];
            if (items.Count > 0)
            {
                var requests = items
                    .Select(item => new WriteRequest { DeleteRequest = new DeleteRequest { Key = Key(partition, DynamoDbValues.ReadLong(item, SortKey)) } })
                    .ToList();
                await DynamoDbBatchWriter.WriteAsync(client, table, requests, cancellationToken);
                deleted += items.Count;
            }

            startKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (startKey is not null);

        return deleted;
    }

    private QueryRequest RangeQuery(string partition, SortKeyRange range, bool descending) => new()
    {
        TableName = table,
        ConsistentRead = true,
        KeyConditionExpression = RangeCondition,
        ExpressionAttributeNames = new() { ["#p"] = Partition, ["#s"] = SortKey },
        ExpressionAttributeValues = new()
        {
            [":p"] = new AttributeValue { S = partition },
            [":from"] = DynamoDbValues.Number(range.From),
            [":to"] = DynamoDbValues.Number(range.To),
        },
        ScanIndexForward = !descending,
    };

    private static Dictionary<string, AttributeValue> Key(string partition, long sortKey) => new()
    {
        [Partition] = new AttributeValue { S = partition },
        [SortKey] = DynamoDbValues.Number(sortKey),
    };
}
