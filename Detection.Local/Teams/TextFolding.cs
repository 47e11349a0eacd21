using System.Text;

namespace Glance.Detection.Local.Teams;

/// <summary>
/// Folds text for matching: upper case, diacritics removed ("São Paulo" and "SAO PAULO" fold alike), anything that is
/// not a letter or digit a single space. The service runs with invariant globalization, where string.Normalize does
/// not decompose, so the Latin letters with diacritics that team names use are mapped here explicitly.
/// </summary>
public static class TextFolding
{
    private static readonly Dictionary<char, string> Replacements = BuildReplacements();

    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (c is >= '\u0300' and <= '\u036F')
            {
                continue; // a combining mark of text that arrived decomposed
            }

            var replacement = Replacements.TryGetValue(c, out var mapped) ? mapped : null;
            if (replacement is null && !char.IsLetterOrDigit(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            if (replacement is not null)
            {
                builder.Append(replacement);
            }
            else
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static Dictionary<char, string> BuildReplacements()
    {
        (string Letters, string Base)[] groups =
        [
            ("ÀÁÂÃÄÅĀĂĄǍàáâãäåāăąǎ", "A"), ("ÇĆĈĊČçćĉċč", "C"), ("ĎĐďđ", "D"), ("ÈÉÊËĒĔĖĘĚèéêëēĕėęě", "E"),
            ("ĜĞĠĢĝğġģ", "G"), ("ĤĦĥħ", "H"), ("ÌÍÎÏĨĪĬĮİìíîïĩīĭįı", "I"), ("Ĵĵ", "J"), ("Ķķ", "K"),
            ("ĹĻĽĿŁĺļľŀł", "L"), ("ÑŃŅŇñńņň", "N"), ("ÒÓÔÕÖØŌŎŐòóôõöøōŏő", "O"), ("ŔŖŘŕŗř", "R"),
            ("ŚŜŞŠȘśŝşšș", "S"), ("ŢŤŦȚţťŧț", "T"), ("ÙÚÛÜŨŪŬŮŰŲùúûüũūŭůűų", "U"), ("Ŵŵ", "W"), ("ÝŸŶýÿŷ", "Y"),
            ("ŹŻŽźżž", "Z"), ("Ææ", "AE"), ("Œœ", "OE"), ("ß", "SS"), ("Þþ", "TH"), ("Ðð", "D"),
        ];
        var map = new Dictionary<char, string>();
        foreach (var (letters, baseLetters) in groups)
        {
            foreach (var letter in letters)
            {
                map[letter] = baseLetters;
            }
        }

        return map;
    }
}
