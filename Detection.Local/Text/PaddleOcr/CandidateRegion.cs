namespace Glance.Detection.Local.Text.PaddleOcr;

/// <summary>
/// A place in a frame that may hold text, found cheaply (see <see cref="TextCandidateRegions"/>), with what it shows:
/// its line crops' places and ink, not the plate or the video behind them, so that a graphic on air is recognised
/// again while the video behind a translucent plate changes every pixel around the letters. Two regions show the same
/// text when they hold as many crops, each in the same place relative to the region (a few pixels of drift allowed),
/// of about the same size and with the same ink (see <see cref="InkMask.Mismatch"/>).
/// </summary>
/// <param name="Rect">Frame pixels to run the detection network on.</param>
/// <param name="Scale">Factor the region is resized by for the network, so its text is about the height DB reads best.</param>
/// <param name="Crops">The line finder's crops whose centres lie in the region.</param>
public sealed record CandidateRegion(PixelRect Rect, double Scale, IReadOnlyList<CropSignature> Crops)
{
    /// <summary>Region and crop edges move by a few pixels as video under a graphic changes the line finder's blobs.</summary>
    public const int MaxDrift = 4;

    /// <summary>
    /// Measured on the demo channel: a graphic's letter crops differ by 0-1 % between consecutive frames (half exactly
    /// 0; 80 % of all crops at one place within 2 %, the rest blobs in a photograph that come and go), while one changed
    /// character in a word of up to ~15 characters differs by well over 5 %.
    /// </summary>
    public const double MaxInkMismatch = 0.03;

    /// <summary>Scales differ with the measured text height; the cached boxes are in frame pixels either way.</summary>
    public const double MaxScaleRatio = 1.1;

    /// <summary>
    /// Whether <paramref name="other"/> shows the same text, and if so how far its text lies from this region's
    /// (frame pixels), so that boxes found here can be moved onto it.
    /// </summary>
    public bool ShowsSameTextAs(CandidateRegion other, out (double X, double Y) shift)
    {
        ArgumentNullException.ThrowIfNull(other);
        shift = default;
        if (Crops.Count != other.Crops.Count
            || Math.Abs(Rect.Width - other.Rect.Width) > MaxDrift
            || Math.Abs(Rect.Height - other.Rect.Height) > MaxDrift
            || Math.Max(Scale, other.Scale) > MaxScaleRatio * Math.Min(Scale, other.Scale))
        {
            return false;
        }

        // Crops are paired greedily: the line finder's order flips for crops at almost the same height.
        var taken = new bool[other.Crops.Count];
        double dx = 0, dy = 0;
        foreach (var mine in Crops)
        {
            var paired = -1;
            for (var j = 0; j < other.Crops.Count && paired < 0; j++)
            {
                if (!taken[j] && SamePlace(mine.Place, Rect, other.Crops[j].Place, other.Rect) && mine.Ink.Mismatch(other.Crops[j].Ink) <= MaxInkMismatch)
                {
                    paired = j;
                }
            }

            if (paired < 0)
            {
                return false;
            }

            taken[paired] = true;
            dx += other.Crops[paired].Place.X - mine.Place.X;
            dy += other.Crops[paired].Place.Y - mine.Place.Y;
        }

        shift = Crops.Count == 0 ? (other.Rect.X - Rect.X, other.Rect.Y - Rect.Y) : (dx / Crops.Count, dy / Crops.Count);
        return true;
    }

    private static bool SamePlace(PixelRect a, PixelRect regionA, PixelRect b, PixelRect regionB) =>
        Math.Abs((a.X - regionA.X) - (b.X - regionB.X)) <= MaxDrift
        && Math.Abs((a.Y - regionA.Y) - (b.Y - regionB.Y)) <= MaxDrift
        && Math.Abs(a.Width - b.Width) <= MaxDrift
        && Math.Abs(a.Height - b.Height) <= MaxDrift;
}
