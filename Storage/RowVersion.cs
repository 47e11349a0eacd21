using System.Globalization;

namespace Glance.Storage;

/// <summary>
/// The numeric row version behind the durable stores' ETags (grain state, reminders, membership rows). A new row starts at a random version rather than 1, so
/// an ETag read before a clear cannot match the row written after it (the ABA case); updates then count up.
/// </summary>
internal static class RowVersion
{
    // Below 2^53 so the value stays exact wherever it is handled as a double (JSON tooling, DynamoDB consoles).
    private const long MaxInitial = 1L << 52;

    public static long NewRow() => Random.Shared.NextInt64(1, MaxInitial);

    public static long Next(long current) => current == long.MaxValue ? 1 : current + 1;

    public static string ToETag(long version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>An ETag that does not parse cannot match any stored version; callers report it as a conflict.</summary>
    public static bool TryParse(string etag, out long version) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out version) && version > 0;
}
