using Glance.Detection.Local.Imaging;

namespace Glance.Detection.Local.Text;

/// <summary>
/// Which candidate lines of a region are worth reading: those drawn to stand out from what is around them (see
/// <see cref="InkContrast"/> and <see cref="LocalTextOptions.MinTextContrast"/>). Most lines a textured photograph
/// yields are fainter than any graphic's, and each costs a detection network input; dropping them before the
/// <see cref="LocalTextOptions.MaxLines"/> cap also lets in an overlay's lines that a busy picture crowded out.
/// </summary>
/// <remarks>
/// A line is judged as a whole and kept or dropped whole, never word by word, in either ink polarity: the detection
/// network and the recognizer read a line's words together, and a line with words missing comes back in pieces. The
/// line's statistic is its strongest word. Not the whole line's pixels: a line's box spans a plate and whatever lies
/// beside or behind it (a plate edge, a logo, video through a translucent plate), and one Otsu split over all of that
/// mixes backgrounds; a word is small enough to sit on one. And the strongest, not most words: a graphic's line holds
/// weaker words next to strong ones (a hyphen, a score on a box of another colour, a word where the plate fades into
/// the picture), while a row of texture blobs has no word drawn to be read at all (on the OCR benchmark's photographs
/// ~97 % of such lines have none). A line of the other polarity lying inside a kept one (the letters' counters) is
/// judged on its own: keeping it with the letters' line added 5 % of network pixels on building.jpg's texture, and the
/// letters' line alone gives the region its extent.
/// </remarks>
public static class LegibleLines
{
    /// <param name="grey">The region's grey pixels, in the same (processing) pixels as the words.</param>
    /// <param name="words">The words of one ink polarity (<see cref="TextLine.Group"/> names their line).</param>
    /// <returns>The groups to read.</returns>
    public static IReadOnlySet<int> Find(GreyImage grey, IReadOnlyList<TextLine> words, LocalTextOptions options)
    {
        ArgumentNullException.ThrowIfNull(grey);
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(options);
        return words.GroupBy(w => w.Group).Where(line => line.Any(word => StandsOut(grey, word.Bounds, options))).Select(line => line.Key).ToHashSet();
    }

    private static bool StandsOut(GreyImage grey, PixelRect word, LocalTextOptions options)
    {
        var needed = word.Height >= options.LargeTextHeight ? options.MinLargeTextContrast : options.MinTextContrast;
        return needed <= 0 || InkContrast.Of(grey, TextLineExtractor.Padded(word, grey)) >= needed;
    }
}
