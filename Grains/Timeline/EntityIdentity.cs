using System.Text;
namespace Glance.Grains.Timeline;

/// <summary>
/// When two sightings are the same entity in a context answer, and which of their names the answer shows. A known id
/// identifies; otherwise the name does, except that read text is keyed without case and white space: a text reader
/// reads one scoreboard as "LIV 2 - 1 ARS" in one frame and "LIV2-1ARS" in the next, and a viewer wants one entity.
/// </summary>
public static class EntityIdentity
{
    private const char Separator = '\u001f';

    public static string KeyOf(Sighting sighting) =>
        sighting.Id is not null
            ? string.Concat(sighting.Kind, Separator.ToString(), sighting.Id)
            : string.Equals(sighting.Kind, "text", StringComparison.Ordinal)
                ? string.Concat(sighting.Kind, Separator.ToString(), Folded(sighting.Name))
                : string.Concat(sighting.Kind, Separator.ToString(), sighting.Name);

    /// <summary>
    /// The name to show of two readings of one entity: the one with more words (the reader kept more of the graphic's
    /// spacing), then the ordinal-smaller, so that the choice does not depend on which frame came first.
    /// </summary>
    public static string PreferredName(string current, string candidate)
    {
        if (string.Equals(current, candidate, StringComparison.Ordinal))
        {
            return current;
        }

        var byWords = Spaces(candidate).CompareTo(Spaces(current));
        return byWords > 0 || (byWords == 0 && string.CompareOrdinal(candidate, current) < 0) ? candidate : current;
    }

    private static string Folded(string name)
    {
        var folded = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (!char.IsWhiteSpace(c))
            {
                folded.Append(char.ToUpperInvariant(c));
            }
        }

        return folded.ToString();
    }

    private static int Spaces(string name)
    {
        var count = 0;
        foreach (var c in name)
        {
            if (c == ' ')
            {
                count++;
            }
        }

        return count;
    }
}
