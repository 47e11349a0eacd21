using System.Text;

namespace Glance.Storage.DynamoDb;

/// <summary>
/// Checks an item against DynamoDB's 400 KB limit before sending it, so the caller gets a clear error instead of a
/// generic validation failure. Sizes follow DynamoDB's rules: attribute names and string values count as UTF-8 bytes,
/// binary as raw bytes, numbers as at most 21 bytes.
/// </summary>
internal static class DynamoDbItemSize
{
    public const int LimitBytes = 400 * 1024;

    public const int MaxNumberBytes = 21;

    /// <param name="fixedBytes">Attribute names and numbers of the item.</param>
    public static void EnsureWithinLimit(string what, string key, int dataBytes, int fixedBytes)
    {
        var size = (long)Encoding.UTF8.GetByteCount(key) + dataBytes + fixedBytes;
        if (size > LimitBytes)
        {
            throw new DynamoDbItemTooLargeException(
                $"{what} is {size:N0} bytes as a DynamoDB item, over DynamoDB's item limit of 400 KB ({LimitBytes:N0} bytes, attribute names included).");
        }
    }
}
