namespace Glance.Detection.Local.Text.PaddleOcr;

/// <summary>
/// Turns decoded characters into a line reading, and drops what is not text: scene texture the recognizer reads
/// anyway comes out as a lone character or with low probabilities, while overlays read at 0.9 and more.
/// </summary>
public static class LineReadingBuilder
{
    /// <summary>Lines with fewer letters or digits are one-character noise (a score digit alone is lost; the plate's other lines carry it).</summary>
    public const int MinAlphanumeric = 2;

    /// <param name="characters">In reading order.</param>
    /// <param name="stepWidth">Width of one recognizer step as a fraction of the box's width.</param>
    public static LineReading Build(IReadOnlyList<DecodedCharacter> characters, double stepWidth, double minConfidence)
    {
        ArgumentNullException.ThrowIfNull(characters);
        var kept = characters
            .Where(c => (c.Step + 0.5) * stepWidth <= 1)
            .Select(c => new ReadCharacter(c.Text, c.Probability, Math.Clamp(c.Step * stepWidth, 0, 1), Math.Clamp((c.Step + 1) * stepWidth, 0, 1)))
            .SkipWhile(c => c.IsSpace)
            .Reverse()
            .SkipWhile(c => c.IsSpace)
            .Reverse()
            .ToList();
        if (kept.Count == 0)
        {
            return LineReading.Nothing;
        }

        var confidence = kept.Average(c => c.Probability);
        var alphanumeric = kept.Count(c => c.Text.Any(char.IsLetterOrDigit));
        return confidence < minConfidence || alphanumeric < MinAlphanumeric ? LineReading.Nothing : new LineReading(confidence, kept);
    }
}
