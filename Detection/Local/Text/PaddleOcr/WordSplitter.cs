using Glance.Detection.Local.Imaging;

namespace Glance.Detection.Local.Text.PaddleOcr;

/// <param name="Left">Frame x of the word's left edge.</param>
public readonly record struct SplitWord(string Text, double Confidence, double Left, double Right);

/// <summary>
/// Cuts a line reading into words. The recognizer leaves out spaces between short upper-case words ("POR 1 - 0 SAN"
/// reads "POR1-0SAN"), which would hide team abbreviations from the team matcher; the line finder's words (blob rows
/// cut at wide gaps) say where the spaces are, so a space goes wherever the ground between two characters is covered
/// by no finder word, as well as where the recognizer read one.
/// </summary>
public static class WordSplitter
{
    /// <summary>A finder word belongs to a box's line when it shares at least this fraction of its height with the box.</summary>
    private const double MinVerticalOverlap = 0.5;

    /// <param name="box">The line's box in frame pixels.</param>
    /// <param name="finderWords">The line finder's words in the frame, in frame pixels.</param>
    public static IReadOnlyList<SplitWord> Split(TextBox box, LineReading reading, IReadOnlyList<PixelRect> finderWords)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(finderWords);
        var covered = Covered(box, finderWords);
        var words = new List<SplitWord>();
        var word = new List<ReadCharacter>();
        ReadCharacter? previous = null;
        foreach (var character in reading.Characters)
        {
            var cut = character.IsSpace
                || (previous is { } before && covered.Count > 0 && HasGap(covered, X(box, before.Centre), X(box, character.Centre)));
            if (cut && word.Count > 0)
            {
                words.Add(Word(box, word));
                word.Clear();
            }

            if (!character.IsSpace)
            {
                word.Add(character);
                previous = character;
            }
        }

        if (word.Count > 0)
        {
            words.Add(Word(box, word));
        }

        return words;
    }

    private static SplitWord Word(TextBox box, List<ReadCharacter> characters) =>
        new(string.Concat(characters.Select(c => c.Text)), characters.Average(c => c.Probability), X(box, characters[0].Left), X(box, characters[^1].Right));

    private static double X(TextBox box, double fraction) => box.X + (fraction * box.Width);

    /// <summary>The x intervals the finder's words of this line cover, merged and sorted.</summary>
    private static List<(double Left, double Right)> Covered(TextBox box, IReadOnlyList<PixelRect> finderWords)
    {
        var intervals = finderWords
            .Where(w => Math.Min(w.Bottom, box.Y + box.Height) - Math.Max(w.Y, box.Y) >= MinVerticalOverlap * w.Height)
            .Where(w => w.Right > box.X && w.X < box.X + box.Width)
            .Select(w => ((double)w.X, (double)w.Right))
            .OrderBy(i => i.Item1)
            .ToList();
        var merged = new List<(double Left, double Right)>();
        foreach (var (left, right) in intervals)
        {
            if (merged.Count > 0 && left <= merged[^1].Right)
            {
                merged[^1] = (merged[^1].Left, Math.Max(merged[^1].Right, right));
            }
            else
            {
                merged.Add((left, right));
            }
        }

        return merged;
    }

    /// <summary>
    /// Whether a gap between two covered intervals overlaps the ground between the two x positions. Ground before the
    /// first or after the last interval does not count: the characters' positions are only as exact as a recognizer
    /// step, so a line's first letter may sit just outside its finder word.
    /// </summary>
    private static bool HasGap(List<(double Left, double Right)> covered, double from, double to)
    {
        for (var i = 0; i + 1 < covered.Count; i++)
        {
            if (covered[i].Right < to && covered[i + 1].Left > from)
            {
                return true;
            }
        }

        return false;
    }
}
