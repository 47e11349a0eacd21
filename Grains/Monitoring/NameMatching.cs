using Glance.Detection.Local.Teams;

namespace Glance.Grains.Monitoring;

/// <summary>
/// Whether what the schedule expects and what a detector named are the same thing, leniently: case and accents
/// folded, a few edits allowed for longer names (the team matcher's rule), a whole word of the other name matching
/// ("Porto" in "FC Porto"), and a 3-letter-or-longer abbreviation that begins the name ("POR" for "Porto").
/// </summary>
public static class NameMatching
{
    public static bool Matches(string expected, string? detected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (string.IsNullOrWhiteSpace(detected))
        {
            return false;
        }

        var a = TextFolding.Fold(expected);
        var b = TextFolding.Fold(detected);
        if (a.Length == 0 || b.Length == 0)
        {
            return false;
        }

        if (Close(a, b) || (a.Length >= 3 && b.StartsWith(a, StringComparison.Ordinal)) || (b.Length >= 3 && a.StartsWith(b, StringComparison.Ordinal)))
        {
            return true;
        }

        var longer = a.Length >= b.Length ? a : b;
        var shorter = ReferenceEquals(longer, a) ? b : a;
        return shorter.Length >= 3 && longer.Split(' ').Any(word => Close(word, shorter));
    }

    private static bool Close(string a, string b)
    {
        var limit = TeamTextMatcher.AllowedEdits(Math.Min(a.Length, b.Length));
        return EditDistance.Compute(a, b, limit) <= limit;
    }
}
