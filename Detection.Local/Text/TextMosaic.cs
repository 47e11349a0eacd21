namespace Glance.Detection.Local.Text;

/// <summary>
/// Stacks candidate lines (of one frame, or of a segment's frames) into one picture so that Tesseract starts once for
/// all of them (its start-up and model load cost more than reading a few lines), and splits the words it reports back
/// by line.
/// </summary>
public sealed class TextMosaic
{
    private readonly List<(LineCrop Crop, int Top)> slots;

    private TextMosaic(GreyImage image, List<(LineCrop Crop, int Top)> slots, int margin)
    {
        Image = image;
        this.slots = slots;
        Margin = margin;
    }

    public GreyImage Image { get; }

    public int Margin { get; }

    public static TextMosaic Build(IReadOnlyList<LineCrop> lines, int lineHeight)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentOutOfRangeException.ThrowIfZero(lines.Count);
        var margin = Math.Max(8, lineHeight / 2);
        var width = lines.Max(l => l.Image.Width) + (2 * margin);
        var height = lines.Sum(l => l.Image.Height + margin) + margin;
        var image = new GreyImage(width, height);
        image.Pixels.AsSpan().Fill(InkBinarizer.Paper);
        var slots = new List<(LineCrop, int)>(lines.Count);
        var top = margin;
        foreach (var line in lines)
        {
            for (var y = 0; y < line.Image.Height; y++)
            {
                line.Image.Row(y).CopyTo(image.Row(top + y)[margin..]);
            }

            slots.Add((line, top));
            top += line.Image.Height + margin;
        }

        return new TextMosaic(image, slots, margin);
    }

    /// <summary>Words in frame coordinates, grouped into the lines their slots came from; words outside every slot are dropped.</summary>
    public RecognizedText MapBack(IReadOnlyList<TesseractWord> words, int frameWidth, int frameHeight) =>
        Assemble(slots.Select(s => s.Crop).Zip(SplitBySlot(words)).ToList(), frameWidth, frameHeight);

    /// <summary>The words Tesseract read in each slot, in the slot's own coordinates (slot order).</summary>
    public IReadOnlyList<IReadOnlyList<TesseractWord>> SplitBySlot(IReadOnlyList<TesseractWord> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var perSlot = slots.Select(_ => new List<TesseractWord>()).ToArray();
        foreach (var word in words)
        {
            var slot = SlotAt(word.Top + (word.Height / 2.0));
            if (slot >= 0)
            {
                perSlot[slot].Add(word with { Left = word.Left - Margin, Top = word.Top - slots[slot].Top });
            }
        }

        return perSlot;
    }

    /// <summary>Words of each crop (in the crop's coordinates) placed in the frame and grouped into lines.</summary>
    public static RecognizedText Assemble(IReadOnlyList<(LineCrop Crop, IReadOnlyList<TesseractWord> Words)> crops, int frameWidth, int frameHeight)
    {
        ArgumentNullException.ThrowIfNull(crops);
        var perLine = new Dictionary<int, List<(TesseractWord Word, BoundingBox Box)>>();
        foreach (var (crop, words) in crops)
        {
            foreach (var word in words)
            {
                var left = Math.Clamp(word.Left, 0, crop.Image.Width);
                var right = Math.Clamp(word.Left + word.Width, left, crop.Image.Width);
                var upper = Math.Clamp(word.Top, 0, crop.Image.Height);
                var lower = Math.Clamp(word.Top + word.Height, upper, crop.Image.Height);
                var box = BoundingBox.FromPixels(
                    crop.FrameX + (left * crop.FramePixelsPerPixelX),
                    crop.FrameY + (upper * crop.FramePixelsPerPixelY),
                    (right - left) * crop.FramePixelsPerPixelX,
                    (lower - upper) * crop.FramePixelsPerPixelY,
                    frameWidth,
                    frameHeight);
                if (!perLine.TryGetValue(crop.Line, out var lineWords))
                {
                    perLine[crop.Line] = lineWords = [];
                }

                lineWords.Add((word, box));
            }
        }

        var recognizedWords = new List<RecognizedWord>();
        var recognizedLines = new List<RecognizedLine>();
        foreach (var slotWords in perLine.Values)
        {
            // A line's words come from several slots (one per word); reading order is x.
            slotWords.Sort((a, b) => a.Box.X.CompareTo(b.Box.X));
            var index = recognizedLines.Count;
            foreach (var (word, box) in slotWords)
            {
                recognizedWords.Add(new RecognizedWord(word.Text, Math.Clamp(word.Confidence / 100, 0, 1), box, index));
            }

            var meaningful = slotWords.Where(w => HasLetterOrDigit(w.Word.Text)).ToList();
            var confidence = meaningful.Count == 0 ? 0 : meaningful.Average(w => Math.Clamp(w.Word.Confidence / 100, 0, 1));
            var boxes = (meaningful.Count > 0 ? meaningful : slotWords).Select(w => w.Box);
            recognizedLines.Add(new RecognizedLine(string.Join(' ', slotWords.Select(w => w.Word.Text)), confidence, Union(boxes)));
        }

        return new RecognizedText(recognizedWords, recognizedLines);
    }

    internal static bool HasLetterOrDigit(string text)
    {
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    private static BoundingBox Union(IEnumerable<BoundingBox> boxes)
    {
        double left = 1, top = 1, right = 0, bottom = 0;
        foreach (var b in boxes)
        {
            left = Math.Min(left, b.X);
            top = Math.Min(top, b.Y);
            right = Math.Max(right, b.X + b.Width);
            bottom = Math.Max(bottom, b.Y + b.Height);
        }

        return new BoundingBox(left, top, Math.Max(0, right - left), Math.Max(0, bottom - top));
    }

    private int SlotAt(double y)
    {
        for (var i = 0; i < slots.Count; i++)
        {
            var (crop, top) = slots[i];
            if (y >= top && y < top + crop.Image.Height)
            {
                return i;
            }
        }

        return -1;
    }
}
