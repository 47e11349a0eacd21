using System.Globalization;

namespace Glance.Storage;

/// <summary>
/// The continuation token every provider uses: the last sort key returned, so a page can resume with a narrowed range
/// whatever the engine. Providers may not trust a token blindly; a malformed one is an argument error.
/// </summary>
public static class SortedRecordPaging
{
    public const int MaxPageSize = 1000;

    public static void ValidateLimit(int limit)
    {
        if (limit is < 1 or > MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"Page size must be between 1 and {MaxPageSize}.");
        }
    }

    /// <summary>A stored query's checks (a partition, a page size within bounds, a well-formed token) and its range.</summary>
    /// <returns>The range still to read, or null when the token says the range is exhausted.</returns>
    public static SortKeyRange? Begin(string partition, SortKeyRange range, int limit, string? continuationToken, bool descending)
    {
        ArgumentException.ThrowIfNullOrEmpty(partition);
        ValidateLimit(limit);
        return Resume(range, continuationToken, descending);
    }

    public static string TokenAfter(long lastSortKey) => lastSortKey.ToString(CultureInfo.InvariantCulture);

    /// <returns>The range still to read, or null when the token says the range is exhausted.</returns>
    public static SortKeyRange? Resume(SortKeyRange range, string? continuationToken, bool descending)
    {
        if (continuationToken is null)
        {
            return range;
        }

        if (!long.TryParse(continuationToken, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var last))
        {
            throw new ArgumentException("The continuation token is not valid.", nameof(continuationToken));
        }

        if (descending)
        {
            return last == long.MinValue || last - 1 < range.From ? null : new SortKeyRange(range.From, Math.Min(range.To, last - 1));
        }

        return last == long.MaxValue || last + 1 > range.To ? null : new SortKeyRange(Math.Max(range.From, last + 1), range.To);
    }
}
