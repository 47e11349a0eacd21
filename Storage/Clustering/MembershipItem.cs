using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Glance.Storage.DynamoDb;
namespace Glance.Storage.Clustering;

/// <summary>
/// The one DynamoDB item holding a cluster's membership table. Keeping the table version and every row in one item
/// makes "write this row if its ETag and the table version are unchanged" a single conditional UpdateItem, which
/// DynamoDB applies atomically; no transaction is needed. Row map attributes: "e" (N) ETag, "st" (N) status,
/// "pp" (N) proxy port, "hn" (S) host name, "sn" (S) silo name, "r" (S, optional) role, "uz"/"fz" (N) update and
/// fault zone, "t0" (S) start time and "ia" (S) I-am-alive time as ISO 8601 UTC, "su" (L, absent when null) suspicions as
/// maps of "a" (S) suspecting silo and "t" (S) time.
/// </summary>
internal static class MembershipItem
{
    public const string Id = "id";
    public const string Version = "v";
    public const string VersionETag = "ve";
    public const string Rows = "m";
    public const string RowETag = "e";
    public const string IAmAlive = "ia";

    private const string Status = "st";
    private const string ProxyPort = "pp";
    private const string HostName = "hn";
    private const string SiloName = "sn";
    private const string Role = "r";
    private const string UpdateZone = "uz";
    private const string FaultZone = "fz";
    private const string StartTime = "t0";
    private const string Suspicions = "su";
    private const string Suspecter = "a";
    private const string SuspectedAt = "t";

    /// <summary>The version reported when the cluster's item does not exist (yet): nothing can be written against it.</summary>
    public static readonly TableVersion Missing = new(0, "none");

    public static string RowKey(SiloAddress silo) => silo.ToParsableString();

    public static AttributeValue Time(DateTime time) =>
        new() { S = DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture) };

    public static AttributeValue Row(MembershipEntry entry, long etag)
    {
        var row = new Dictionary<string, AttributeValue>
        {
            [RowETag] = DynamoDbValues.Number(etag),
            [Status] = DynamoDbValues.Number((int)entry.Status),
            [ProxyPort] = DynamoDbValues.Number(entry.ProxyPort),
            [HostName] = new AttributeValue { S = entry.HostName ?? string.Empty },
            [SiloName] = new AttributeValue { S = entry.SiloName ?? string.Empty },
            [UpdateZone] = DynamoDbValues.Number(entry.UpdateZone),
            [FaultZone] = DynamoDbValues.Number(entry.FaultZone),
            [StartTime] = Time(entry.StartTime),
            [IAmAlive] = Time(entry.IAmAliveTime),
        };
        if (entry.RoleName is { } role)
        {
            row[Role] = new AttributeValue { S = role };
        }

        // An empty list is stored too: Orleans tells "no suspicions yet" (null) from "none left" (empty).
        if (entry.SuspectTimes is { } suspicions)
        {
            row[Suspicions] = new AttributeValue
            {
                L = suspicions.Select(s => new AttributeValue
                {
                    M = new() { [Suspecter] = new AttributeValue { S = s.Item1.ToParsableString() }, [SuspectedAt] = Time(s.Item2) },
                }).ToList(),
            };
        }

        return new AttributeValue { M = row };
    }

    public static TableVersion ReadVersion(Dictionary<string, AttributeValue>? item) =>
        item is { Count: > 0 }
            ? new TableVersion(checked((int)DynamoDbValues.ReadLong(item, Version)), item[VersionETag].S)
            : Missing;

    /// <summary>Every row of the item with its ETag.</summary>
    public static List<Tuple<MembershipEntry, string>> ReadRows(Dictionary<string, AttributeValue>? item)
    {
        if (item is null || !item.TryGetValue(Rows, out var rows) || rows.M is null)
        {
            return [];
        }

        return rows.M.Select(row => Tuple.Create(ReadEntry(row.Key, row.Value.M), RowVersion.ToETag(DynamoDbValues.ReadLong(row.Value.M, RowETag)))).ToList();
    }

    private static MembershipEntry ReadEntry(string key, Dictionary<string, AttributeValue> row) => new()
    {
        SiloAddress = SiloAddress.FromParsableString(key),
        Status = (SiloStatus)DynamoDbValues.ReadLong(row, Status),
        ProxyPort = (int)DynamoDbValues.ReadLong(row, ProxyPort),
        HostName = row[HostName].S,
        SiloName = row[SiloName].S,
        RoleName = row.TryGetValue(Role, out var role) ? role.S : null,
        UpdateZone = (int)DynamoDbValues.ReadLong(row, UpdateZone),
        FaultZone = (int)DynamoDbValues.ReadLong(row, FaultZone),
        StartTime = ReadTime(row[StartTime]),
        IAmAliveTime = ReadTime(row[IAmAlive]),
        SuspectTimes = row.TryGetValue(Suspicions, out var suspicions) && suspicions.L is { } list
            ? list.Select(s => Tuple.Create(SiloAddress.FromParsableString(s.M[Suspecter].S), ReadTime(s.M[SuspectedAt]))).ToList()
            : null,
    };

    private static DateTime ReadTime(AttributeValue value) =>
        DateTime.Parse(value.S, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
