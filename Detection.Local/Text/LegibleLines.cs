using Glance.Detection.Local.Imaging;

namespace Glance.Detection.Local.Text;

/// <summary>
/// Which candidate lines of a region are worth reading: those drawn to stand out from what is around them (see
/// <see cref="InkContrast"/> and <see cref="LocalTextOptions.MinTextContrast"/>). Most lines a textured photograph
/// yields are fainter than any graphic's, and each costs a detection network input; dropping them before the
/// <see cref="LocalTextOptions.MaxLines"/> cap also lets in an overlay's lines that a busy picture crowded out.
/// </summary>
/// <remarks>
/// A line is judged as a whole and kept or dropped whole, never word by word: the detection network and the recognizer
/// read a line's words together, and a line with words missing comes back cut in pieces ("1 - 0 SAN" and "POR"), which
/// breaks a scoreboard's line. The line's statistic is its strongest word. Not the whole line's pixels: a line's box
/// spans a plate and whatever lies beside or behind it (a plate edge, a logo, video through a translucent plate), and one
/// Otsu split over all of that mixes backgrounds; a word is small enough to sit on one. And the strongest, not most
/// words: a graphic's line holds weaker words next to strong ones (a hyphen, a score on a box of another colour, a word
/// where the plate fades into the picture), while a row of texture blobs has no word drawn to be read at all (on the
/// OCR benchmark's photographs ~97 % of such lines have none). Both ink polarities are judged together too: a line's
/// letters in one polarity and their counters or plate in the other are the same text, so a line that coincides with a
/// kept line of the other polarity is kept with it, and the region around the text stays what it is without the filter.
/// </remarks>
public static class LegibleLines
{
    /// <summary>Lines of opposite polarity sharing at least this much of the smaller one's area are one piece of text.</summary>
    private const double MinSharedArea = 0.5;

    /// <param name="grey">The region's grey pixels, in the same (processing) pixels as the words.</param>
    /// <param name="darkWords">The words found with dark ink (<see cref="TextLine.Group"/> names their line).</param>
    /// <param name="brightWords">The words found with bright ink.</param>
    /// <returns>The groups of each polarity to read.</returns>
    public static (IReadOnlySet<int> Dark, IReadOnlySet<int> Bright) Find(
        GreyImage grey, IReadOnlyList<TextLine> darkWords, IReadOnlyList<TextLine> brightWords, LocalTextOptions options)
    {
        ArgumentNullException.ThrowIfNull(grey);
        ArgumentNullException.ThrowIfNull(darkWords);
        ArgumentNullException.ThrowIfNull(brightWords);
        ArgumentNullException.ThrowIfNull(options);
        if (options.MinTextContrast <= 0 && options.MinLargeTextContrast <= 0)
        {
            return (darkWords.Select(w => w.Group).ToHashSet(), brightWords.Select(w => w.Group).ToHashSet());
        }

        var dark = Judge(grey, darkWords, options);
        var bright = Judge(grey, brightWords, options);
        return (Kept(dark, bright), Kept(bright, dark));
    }

    /// <returns>Each line's bounds and whether its strongest word stands out.</returns>
    private static List<(int Group, PixelRect Bounds, bool StandsOut)> Judge(GreyImage grey, IReadOnlyList<TextLine> words, LocalTextOptions options) =>
        [.. words.GroupBy(w => w.Group).Select(line => (
            line.Key,
            line.Aggregate(default(PixelRect), (bounds, word) => bounds.Union(word.Bounds)),
            line.Any(word => StandsOut(grey, word.Bounds, options))))];

    private static HashSet<int> Kept(List<(int Group, PixelRect Bounds, bool StandsOut)> lines, List<(int Group, PixelRect Bounds, bool StandsOut)> otherPolarity) =>
        [.. lines.Where(line => line.StandsOut || otherPolarity.Exists(other => other.StandsOut && Coincide(line.Bounds, other.Bounds))).Select(line => line.Group)];

    private static bool Coincide(PixelRect a, PixelRect b) => a.Intersect(b).Area >= MinSharedArea * Math.Min(a.Area, b.Area);

    private static bool StandsOut(GreyImage grey, PixelRect word, LocalTextOptions options)
    {
        var needed = word.Height >= options.LargeTextHeight ? options.MinLargeTextContrast : options.MinTextContrast;
        return needed <= 0 || InkContrast.Of(grey, TextLineExtractor.Padded(word, grey)) >= needed;
    }
}
