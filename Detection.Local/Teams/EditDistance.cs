namespace Glance.Detection.Local.Teams;

/// <summary>Damerau-Levenshtein distance (optimal string alignment: an adjacent swap counts as one edit).</summary>
public static class EditDistance
{
    /// <summary>Longest string compared; team names and OCR words are far shorter, and the cost is quadratic.</summary>
    public const int MaxLength = 64;

    /// <returns>The distance, or <paramref name="limit"/> + 1 when it exceeds <paramref name="limit"/>.</returns>
    public static int Compute(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        if (Math.Abs(a.Length - b.Length) > limit || a.Length > MaxLength || b.Length > MaxLength)
        {
            return limit + 1;
        }

        var columns = b.Length + 1;
        Span<int> previousPrevious = stackalloc int[columns];
        Span<int> previous = stackalloc int[columns];
        Span<int> current = stackalloc int[columns];
        for (var j = 0; j < columns; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = i;
            for (var j = 1; j < columns; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previousPrevious[j - 2] + 1);
                }

                current[j] = value;
                rowMinimum = Math.Min(rowMinimum, value);
            }

            if (rowMinimum > limit)
            {
                return limit + 1;
            }

            var recycled = previousPrevious;
            previousPrevious = previous;
            previous = current;
            current = recycled;
        }

        return Math.Min(previous[b.Length], limit + 1);
    }
}
