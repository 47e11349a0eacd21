using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace Glance.Storage.DynamoDb;

/// <summary>Attribute value conversions shared by the stores.</summary>
internal static class DynamoDbValues
{
    public static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static long ReadLong(Dictionary<string, AttributeValue> item, string name)
    {
        if (!item.TryGetValue(name, out var value) || !long.TryParse(value.N, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            throw new DynamoDbStorageException($"A stored item has no valid numeric '{name}' attribute; the table holds data this store did not write.");
        }

        return number;
    }

    /// <summary>Empty data is stored as an absent attribute: older DynamoDB-compatible servers refuse empty binaries.</summary>
    public static void AddBinary(Dictionary<string, AttributeValue> item, string name, ReadOnlyMemory<byte> data)
    {
        if (!data.IsEmpty)
        {
            item[name] = new AttributeValue { B = new MemoryStream(data.ToArray(), writable: false) };
        }
    }

    public static byte[] ReadBinary(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.B is { } stream ? stream.ToArray() : [];
}
