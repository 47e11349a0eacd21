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
        var words = new List<List<ReadCharacter>>();

        // Per word: whether only a gap between the finder's words (no space the recognizer read) set it apart from the one before.
        var afterGap = new List<bool>();
        var word = new List<ReadCharacter>();
        var wordAfterGap = false;
        var spaceBefore = false;
        ReadCharacter? previous = null;

        void Close()
        {
            if (word.Count > 0)
            {
                words.Add([.. word]);
                afterGap.Add(wordAfterGap);
                word.Clear();
            }
        }

        foreach (var character in reading.Characters)
        {
            if (character.IsSpace)
            {
                Close();
                spaceBefore = true;
                continue;
            }

            var gap = previous is { } before && covered.Count > 0 && HasGap(covered, X(box, before.Centre), X(box, character.Centre));
            if (gap)
            {
                Close();
            }

            if (word.Count == 0)
            {
                wordAfterGap = gap && !spaceBefore && words.Count > 0;
            }

            word.Add(character);
            previous = character;
            spaceBefore = false;
        }

        Close();
        JoinStrayEdgeLetters(words, afterGap);
        return [.. words.Select(w => Word(box, w))];
    }

    /// <summary>
    /// A single letter at either end of the line, set apart only by a gap between the finder's words, is a wide-set
    /// letter of the word beside it ("GTV SPORTS" in a spaced logo font read as "SPORT S"), not a word: join it back. A
    /// letter the recognizer itself set apart with a space stays, and so does one between two words ("PORTO V SANTOS").
    /// </summary>
    private static void JoinStrayEdgeLetters(List<List<ReadCharacter>> words, List<bool> afterGap)
    {
        static bool StrayLetter(List<ReadCharacter> word) => word.Count == 1 && word[0].Text.Length == 1 && char.IsLetter(word[0].Text[0]);

        if (words.Count >= 2 && afterGap[^1] && StrayLetter(words[^1]))
        {
            words[^2].AddRange(words[^1]);
            words.RemoveAt(words.Count - 1);
            afterGap.RemoveAt(afterGap.Count - 1);
        }

        if (words.Count >= 2 && afterGap[1] && StrayLetter(words[0]))
        {
            words[1].InsertRange(0, words[0]);
            words.RemoveAt(0);
            afterGap.RemoveAt(0);
        }
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
