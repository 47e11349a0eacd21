using System.Numerics;
namespace Glance.Detection.Local.Text.PaddleOcr;

/// <summary>
/// A cleaned line crop's ink as one bit per pixel, with the same ink grown by one pixel, so that two crops can be
/// compared the way a reader would: compressed video moves letter edges by a pixel from frame to frame (about half
/// the crops of a static scoreboard differ somewhere), while a changed character leaves ink far from any ink of the other.
/// </summary>
public sealed class InkMask
{
    /// <summary>Crop pixels darker than this are ink (crops are dark letters on white).</summary>
    public const byte InkThreshold = 128;

    private readonly ulong[] ink;
    private readonly ulong[] grown;
    private readonly int wordsPerRow;

    private InkMask(int width, int height, ulong[] ink, ulong[] grown, int wordsPerRow, int inkPixels)
    {
        Width = width;
        Height = height;
        this.ink = ink;
        this.grown = grown;
        this.wordsPerRow = wordsPerRow;
        InkPixels = inkPixels;
    }

    public int Width { get; }

    public int Height { get; }

    public int InkPixels { get; }

    public static InkMask Of(GreyImage crop)
    {
        ArgumentNullException.ThrowIfNull(crop);
        var wordsPerRow = (crop.Width + 63) / 64;
        var ink = new ulong[wordsPerRow * crop.Height];
        var inkPixels = 0;
        for (var y = 0; y < crop.Height; y++)
        {
            var row = crop.Row(y);
            for (var x = 0; x < row.Length; x++)
            {
                if (row[x] < InkThreshold)
                {
                    ink[(y * wordsPerRow) + (x >> 6)] |= 1UL << (x & 63);
                    inkPixels++;
                }
            }
        }

        return new InkMask(crop.Width, crop.Height, ink, Grow(ink, crop.Width, crop.Height, wordsPerRow), wordsPerRow, inkPixels);
    }

    /// <summary>
    /// The share of both crops' ink that lies more than a pixel from any ink of the other (their top-left corners
    /// laid on each other): 0 for the same letters however their edges flicker, about the changed share for a
    /// changed character.
    /// </summary>
    public double Mismatch(InkMask other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var total = InkPixels + other.InkPixels;
        return total == 0 ? 0 : (double)(InkAwayFrom(other) + other.InkAwayFrom(this)) / total;
    }

    /// <summary>This crop's ink pixels with no ink of <paramref name="other"/> within one pixel.</summary>
    private int InkAwayFrom(InkMask other)
    {
        var near = 0;
        var rows = Math.Min(Height, other.Height);
        var width = Math.Min(Width, other.Width);
        var words = (width + 63) / 64;
        var lastWordBits = width - ((words - 1) * 64);
        var lastWordMask = lastWordBits == 64 ? ulong.MaxValue : (1UL << lastWordBits) - 1;
        for (var y = 0; y < rows; y++)
        {
            for (var w = 0; w < words; w++)
            {
                var mine = ink[(y * wordsPerRow) + w];
                if (w == words - 1)
                {
                    mine &= lastWordMask;
                }

                near += BitOperations.PopCount(mine & other.grown[(y * other.wordsPerRow) + w]);
            }
        }

        // Ink outside the other crop's pixels (a wider or taller crop) is away from its ink too.
        return InkPixels - near;
    }

    private static ulong[] Grow(ulong[] ink, int width, int height, int wordsPerRow)
    {
        var across = new ulong[ink.Length];
        for (var y = 0; y < height; y++)
        {
            for (var w = 0; w < wordsPerRow; w++)
            {
                var i = (y * wordsPerRow) + w;
                var word = ink[i];
                var fromRight = w + 1 < wordsPerRow ? ink[i + 1] << 63 : 0;
                var fromLeft = w > 0 ? ink[i - 1] >> 63 : 0;
                across[i] = word | (word << 1) | fromLeft | (word >> 1) | fromRight;
            }
        }

        var grown = new ulong[ink.Length];
        var lastWordBits = width - ((wordsPerRow - 1) * 64);
        var lastWordMask = lastWordBits == 64 ? ulong.MaxValue : (1UL << lastWordBits) - 1;
        for (var y = 0; y < height; y++)
        {
            for (var w = 0; w < wordsPerRow; w++)
            {
                var i = (y * wordsPerRow) + w;
                var value = across[i];
                if (y > 0)
                {
                    value |= across[i - wordsPerRow];
                }

                if (y + 1 < height)
                {
                    value |= across[i + wordsPerRow];
                }

                grown[i] = w == wordsPerRow - 1 ? value & lastWordMask : value;
            }
        }

        return grown;
    }
}
