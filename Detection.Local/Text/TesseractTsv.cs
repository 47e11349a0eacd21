using System.Globalization;

namespace Glance.Detection.Local.Text;

/// <summary>
/// Parses Tesseract's TSV output (level, page, block, paragraph, line, word, left, top, width, height, conf, text) into
/// its words; the page, block and line rows carry no text and are skipped.
/// </summary>
public static class TesseractTsv
{
    private const int WordLevel = 5;
    private const int FieldCount = 12;
    private const int MaxWords = 10_000;

    public static IReadOnlyList<TesseractWord> Parse(string tsv)
    {
        ArgumentNullException.ThrowIfNull(tsv);
        var words = new List<TesseractWord>();
        var lineNumber = 0;
        Span<Range> fields = stackalloc Range[FieldCount + 1];
        foreach (var rawLine in tsv.AsSpan().EnumerateLines())
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            if (lineNumber == 1)
            {
                if (!line.StartsWith("level\t", StringComparison.Ordinal))
                {
                    throw new TesseractOutputException("Tesseract's output does not start with the TSV header (is this Tesseract 4 or later?).");
                }

                continue;
            }

            if (line.IsEmpty)
            {
                continue;
            }

            var count = line.Split(fields, '\t');
            if (count != FieldCount)
            {
                throw new TesseractOutputException($"Tesseract TSV line {lineNumber} has {count} fields instead of {FieldCount}.");
            }

            if (Integer(line[fields[0]], lineNumber) != WordLevel)
            {
                continue;
            }

            var text = line[fields[11]].Trim();
            if (text.IsEmpty)
            {
                continue;
            }

            if (words.Count == MaxWords)
            {
                throw new TesseractOutputException($"Tesseract reported more than {MaxWords} words for one image.");
            }

            words.Add(new TesseractWord(
                text.ToString(),
                Number(line[fields[10]], lineNumber),
                Integer(line[fields[6]], lineNumber),
                Integer(line[fields[7]], lineNumber),
                Integer(line[fields[8]], lineNumber),
                Integer(line[fields[9]], lineNumber),
                Integer(line[fields[2]], lineNumber),
                Integer(line[fields[3]], lineNumber),
                Integer(line[fields[4]], lineNumber)));
        }

        if (lineNumber == 0)
        {
            throw new TesseractOutputException("Tesseract produced no output.");
        }

        return words;
    }

    private static int Integer(ReadOnlySpan<char> field, int lineNumber) =>
        int.TryParse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new TesseractOutputException($"Tesseract TSV line {lineNumber}: '{field}' is not an integer.");

    private static double Number(ReadOnlySpan<char> field, int lineNumber) =>
        double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new TesseractOutputException($"Tesseract TSV line {lineNumber}: '{field}' is not a number.");
}
