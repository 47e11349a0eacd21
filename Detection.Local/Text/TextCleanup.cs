namespace Glance.Detection.Local.Text;

/// <summary>What OCR leaves around real text: box edges read as "|", stray marks read as ",", "~" or "_".</summary>
public static class TextCleanup
{
    /// <summary>Drops characters that are neither letters nor digits from both ends of a line (inner ones stay: "1 - 0").</summary>
    public static string TrimNoise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.AsSpan();
        var start = 0;
        while (start < span.Length && !char.IsLetterOrDigit(span[start]))
        {
            start++;
        }

        var end = span.Length;
        while (end > start && !char.IsLetterOrDigit(span[end - 1]) && span[end - 1] is not (')' or '%' or '\'' or '!' or '?'))
        {
            end--;
        }

        return span[start..end].ToString();
    }
}
