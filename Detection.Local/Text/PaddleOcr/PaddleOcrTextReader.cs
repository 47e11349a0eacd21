namespace Glance.Detection.Local.Text.PaddleOcr;

/// <summary>
/// Reads text with PP-OCRv4: the detection network runs only on candidate regions the line finder found cheaply, the
/// recognizer on each box it finds, batched. What a region held is remembered by what it shows (its cleaned line
/// crops' ink, compared with a pixel of tolerance), so a scoreboard or a name plate that stays on screen for minutes
/// costs the networks once even over moving, compressed video;
/// a segment's frames are read together, so a graphic shown in all of them is read once even before it is remembered.
/// </summary>
public sealed class PaddleOcrTextReader(PaddleOcrNetworks networks, IOptions<LocalTextOptions> options, TextMetrics metrics) : ITextReader
{
    /// <summary>Most network rows in one detection run (several regions share a run, like one 640x960 input).</summary>
    private const int MaxMosaicHeight = 960;

    /// <summary>Narrower regions are placed side by side up to this width (or the widest region's), not one under another.</summary>
    private const int MinMosaicWidth = 640;

    /// <summary>Background between placed regions, so boxes of neighbouring regions never join.</summary>
    private const int SlotGap = PaddleOcrNetworks.DetectionStride;

    /// <summary>A box this much inside a larger one already read is the same text read again.</summary>
    private const double MaxSharedArea = 0.5;

    private const int RecognitionBatch = 8;
    private const int MinRecognitionWidth = 16;

    /// <summary>A box wider than this is squeezed: a ticker line of about 60 characters at 48 px.</summary>
    private const int MaxRecognitionWidth = 1920;

    private readonly RegionReadingCache<ReadBox[]> regionCache = new(options.Value.RegionCacheSize);
    private readonly LocalTextOptions options = options.Value;

    public Task<IReadOnlyList<RecognizedText>> ReadAsync(
        IReadOnlyList<GreyImage> frames, IReadOnlyList<BoundingBox> regions, string scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(regions);
        var candidates = frames.Select(f => TextCandidateRegions.Find(f, regions, options)).ToList();
        var read = new List<ReadBox>[frames.Count];
        var pending = new List<(CandidateRegion First, GreyImage Pixels, List<(int Frame, (double X, double Y) Shift)> Users)>();
        var remembered = 0;
        for (var f = 0; f < frames.Count; f++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            read[f] = [];
            foreach (var candidate in candidates[f].Regions)
            {
                if (regionCache.Find(candidate) is var (known, shift))
                {
                    read[f].AddRange(known.Select(r => Shifted(r, shift)));
                    remembered++;
                }
                else if (SameTextPending(pending, candidate) is var (index, shiftFromFirst))
                {
                    pending[index].Users.Add((f, shiftFromFirst));
                }
                else
                {
                    pending.Add((candidate, frames[f].Crop(candidate.Rect), [(f, (0, 0))]));
                }
            }
        }

        metrics.RegionDetections.Add(remembered, new KeyValuePair<string, object?>("source", "cache"));
        metrics.RegionDetections.Add(pending.Count, new KeyValuePair<string, object?>("source", "paddleocr"));
        var boxes = Detect([.. pending.Select(w => (w.Pixels, w.First.Scale))], cancellationToken);
        var pixels = pending.Select(w => w.Pixels).ToArray();
        var inFrame = pending.Select((w, i) => (IReadOnlyList<TextBox>)[.. boxes[i].Select(b => b with { X = b.X + w.First.Rect.X, Y = b.Y + w.First.Rect.Y })]).ToArray();
        var covers = CoveredBoxes.Find(inFrame, [.. pending.Select(w => w.Users is [(var frame, _)] ? frame : (int?)null)], MaxSharedArea);
        var readings = Recognize(pixels, boxes, (r, b) => covers[r][b] is null, cancellationToken);

        // A covered box whose cover reads as nothing is read after all: before, it would have been kept on its own.
        var unread = Recognize(pixels, boxes, (r, b) => covers[r][b] is { } c && readings[c.Region][c.Box]!.Characters.Count == 0, cancellationToken);
        for (var i = 0; i < pending.Count; i++)
        {
            var (first, _, users) = pending[i];
            var found = boxes[i]
                .Select((box, b) => covers[i][b] is { } c && unread[i][b] is null
                    ? new ReadBox(inFrame[c.Region][c.Box], readings[c.Region][c.Box]!)
                    : new ReadBox(inFrame[i][b], readings[i][b] ?? unread[i][b]!))
                .Where(r => r.Reading.Characters.Count > 0)
                .ToArray();
            regionCache.Add(first, found);
            foreach (var (frame, shift) in users)
            {
                read[frame].AddRange(found.Select(r => Shifted(r, shift)));
            }
        }

        var texts = new RecognizedText[frames.Count];
        for (var f = 0; f < frames.Count; f++)
        {
            texts[f] = Assemble(Distinct(read[f]), candidates[f].Words, frames[f].Width, frames[f].Height);
        }

        return Task.FromResult<IReadOnlyList<RecognizedText>>(texts);
    }

    /// <returns>Each region's text boxes, in the region's pixels.</returns>
    private List<TextBox>[] Detect(IReadOnlyList<(GreyImage Pixels, double Scale)> regions, CancellationToken cancellationToken)
    {
        var scaled = regions.Select(r => Resize.To(
            r.Pixels,
            Math.Max(1, (int)Math.Round(r.Pixels.Width * r.Scale)),
            Math.Max(1, (int)Math.Round(r.Pixels.Height * r.Scale)))).ToList();
        var boxes = new List<TextBox>[regions.Count];
        if (scaled.Count == 0)
        {
            return boxes;
        }

        var canvasWidth = RoundUp(Math.Max(MinMosaicWidth, scaled.Max(i => i.Width)), PaddleOcrNetworks.DetectionStride);
        foreach (var run in MosaicPacking.Pack([.. scaled.Select(i => (i.Width, i.Height))], canvasWidth, MaxMosaicHeight, SlotGap))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var found = DetectPacked(scaled, run);
            for (var p = 0; p < run.Count; p++)
            {
                var i = run[p].Index;
                var scaleX = (double)scaled[i].Width / regions[i].Pixels.Width;
                var scaleY = (double)scaled[i].Height / regions[i].Pixels.Height;
                boxes[i] = [.. found[p].Select(b => new TextBox(b.X / scaleX, b.Y / scaleY, b.Width / scaleX, b.Height / scaleY, b.Score))];
            }
        }

        return boxes;
    }

    /// <summary>Runs the detector once on the images placed side by side in shelves; each placed image's boxes in its own pixels.</summary>
    private List<TextBox>[] DetectPacked(IReadOnlyList<GreyImage> images, IReadOnlyList<MosaicPlacement> run)
    {
        var stride = PaddleOcrNetworks.DetectionStride;
        var width = RoundUp(run.Max(p => p.X + images[p.Index].Width), stride);
        var height = RoundUp(run.Max(p => p.Y + images[p.Index].Height) + SlotGap, stride);
        var plane = width * height;
        var input = new float[3 * plane];
        foreach (var placement in run)
        {
            var image = images[placement.Index];
            for (var y = 0; y < image.Height; y++)
            {
                var row = image.Row(y);
                var offset = ((placement.Y + y) * width) + placement.X;
                for (var x = 0; x < row.Length; x++)
                {
                    for (var c = 0; c < 3; c++)
                    {
                        input[(c * plane) + offset + x] = PaddleOcrNetworks.DetectionValue(row[x], c);
                    }
                }
            }
        }

        var probability = networks.Detect(input, width, height);
        var perImage = run.Select(_ => new List<TextBox>()).ToArray();
        foreach (var box in DbPostProcessor.Boxes(probability, width, height))
        {
            var centreX = box.X + (box.Width / 2);
            var centreY = box.Y + (box.Height / 2);
            for (var p = 0; p < run.Count; p++)
            {
                var (index, left, top) = run[p];
                var image = images[index];
                if (centreX >= left && centreX < left + image.Width && centreY >= top && centreY < top + image.Height)
                {
                    var x = Math.Max(box.X, left);
                    var y = Math.Max(box.Y, top);
                    var right = Math.Min(box.X + box.Width, left + image.Width);
                    var bottom = Math.Min(box.Y + box.Height, top + image.Height);
                    if (right > x && bottom > y)
                    {
                        perImage[p].Add(box with { X = x - left, Y = y - top, Width = right - x, Height = bottom - y });
                    }

                    break;
                }
            }
        }

        return [.. perImage.Select(LineBoxes.Joined)];
    }

    /// <param name="wanted">Whether a region's box is to be read.</param>
    /// <returns>Each region's readings, one per box (in the same order, null where not wanted); a crop seen twice is read once.</returns>
    private LineReading?[][] Recognize(IReadOnlyList<GreyImage> regions, List<TextBox>[] boxes, Func<int, int, bool> wanted, CancellationToken cancellationToken)
    {
        var keys = new UInt128?[regions.Count][];
        var pending = new Dictionary<UInt128, GreyImage>();
        for (var r = 0; r < regions.Count; r++)
        {
            keys[r] = new UInt128?[boxes[r].Count];
            for (var b = 0; b < boxes[r].Count; b++)
            {
                if (wanted(r, b))
                {
                    var crop = LineImage(regions[r], boxes[r][b]);
                    var key = ReadCropCache<LineReading>.KeyOf(crop);
                    keys[r][b] = key;
                    pending.TryAdd(key, crop);
                }
            }
        }

        if (pending.Count > 0)
        {
            metrics.CropReads.Add(pending.Count, new KeyValuePair<string, object?>("source", "paddleocr"));
        }

        var known = new Dictionary<UInt128, LineReading>();

        // Similar widths share a batch, so little of each run is padding.
        foreach (var batch in pending.OrderBy(p => p.Value.Width).Chunk(RecognitionBatch))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = RecognizeBatch([.. batch.Select(p => p.Value)]);
            for (var i = 0; i < batch.Length; i++)
            {
                known[batch[i].Key] = read[i];
            }
        }

        return [.. keys.Select(regionKeys => regionKeys.Select(k => k is { } key ? known[key] : null).ToArray())];
    }

    private LineReading[] RecognizeBatch(IReadOnlyList<GreyImage> crops)
    {
        var height = PaddleOcrNetworks.RecognitionHeight;
        var width = crops.Max(c => c.Width);
        var plane = width * height;
        var input = new float[crops.Count * 3 * plane];
        for (var i = 0; i < crops.Count; i++)
        {
            var crop = crops[i];
            for (var y = 0; y < height; y++)
            {
                var row = crop.Row(y);
                for (var x = 0; x < row.Length; x++)
                {
                    var value = PaddleOcrNetworks.RecognitionValue(row[x]);
                    for (var c = 0; c < 3; c++)
                    {
                        input[(((i * 3) + c) * plane) + (y * width) + x] = value;
                    }
                }
            }
        }

        var (probabilities, steps, classes) = networks.Recognize(input, crops.Count, width);
        var readings = new LineReading[crops.Count];
        for (var i = 0; i < crops.Count; i++)
        {
            var characters = CtcGreedyDecoder.Decode(probabilities.AsSpan(i * steps * classes, steps * classes), steps, classes, networks.Characters);
            var stepWidth = (double)width / steps / crops[i].Width;
            readings[i] = LineReadingBuilder.Build(characters, stepWidth, options.MinRecognitionConfidence);
        }

        return readings;
    }

    /// <summary>The box cut from the frame and scaled to the recognizer's height, its width in proportion.</summary>
    private static GreyImage LineImage(GreyImage frame, TextBox box)
    {
        var left = Math.Clamp((int)Math.Floor(box.X), 0, frame.Width - 1);
        var top = Math.Clamp((int)Math.Floor(box.Y), 0, frame.Height - 1);
        var right = Math.Clamp((int)Math.Ceiling(box.X + box.Width), left + 1, frame.Width);
        var bottom = Math.Clamp((int)Math.Ceiling(box.Y + box.Height), top + 1, frame.Height);
        var rect = new PixelRect(left, top, right - left, bottom - top);
        var height = PaddleOcrNetworks.RecognitionHeight;
        var width = Math.Clamp((int)Math.Round(rect.Width * (double)height / rect.Height), MinRecognitionWidth, MaxRecognitionWidth);
        return Resize.To(frame.Crop(rect), width, height);
    }

    private static RecognizedText Assemble(List<ReadBox> read, IReadOnlyList<PixelRect> finderWords, int frameWidth, int frameHeight)
    {
        if (read.Count == 0)
        {
            return RecognizedText.Empty;
        }

        var words = new List<RecognizedWord>();
        var lines = new List<RecognizedLine>();
        foreach (var (box, reading) in read.OrderBy(r => r.Box.Y).ThenBy(r => r.Box.X))
        {
            var split = WordSplitter.Split(box, reading, finderWords);
            foreach (var word in split)
            {
                var wordBox = BoundingBox.FromPixels(word.Left, box.Y, word.Right - word.Left, box.Height, frameWidth, frameHeight);
                words.Add(new RecognizedWord(word.Text, word.Confidence, wordBox, lines.Count));
            }

            var text = string.Join(' ', split.Select(w => w.Text));
            lines.Add(new RecognizedLine(text, reading.Confidence, BoundingBox.FromPixels(box.X, box.Y, box.Width, box.Height, frameWidth, frameHeight)));
        }

        return new RecognizedText(words, lines);
    }

    /// <summary>
    /// One reading per piece of text: regions of different text sizes may overlap, and a line inside both is read in
    /// each (or cut at one's edge). The larger box wins; a box lying mostly inside a kept one is dropped.
    /// </summary>
    private static List<ReadBox> Distinct(List<ReadBox> read)
    {
        var kept = new List<ReadBox>(read.Count);
        foreach (var candidate in read.OrderByDescending(r => r.Box.Width * r.Box.Height))
        {
            var box = candidate.Box;
            var area = box.Width * box.Height;
            if (!kept.Any(k => CoveredBoxes.Overlap(k.Box, box) >= MaxSharedArea * area))
            {
                kept.Add(candidate);
            }
        }

        return kept;
    }

    private static ReadBox Shifted(ReadBox read, (double X, double Y) shift) =>
        read with { Box = read.Box with { X = read.Box.X + shift.X, Y = read.Box.Y + shift.Y } };

    /// <returns>The region of this segment's frames already waiting for the networks that shows the same text, and how far away.</returns>
    private static (int Index, (double X, double Y) Shift)? SameTextPending(
        List<(CandidateRegion First, GreyImage Pixels, List<(int Frame, (double X, double Y) Shift)> Users)> pending, CandidateRegion candidate)
    {
        for (var i = 0; i < pending.Count; i++)
        {
            if (pending[i].First.ShowsSameTextAs(candidate, out var shift))
            {
                return (i, shift);
            }
        }

        return null;
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    /// <summary>A text box and what was read in it, in the pixels of its region (cached) or its frame.</summary>
    private sealed record ReadBox(TextBox Box, LineReading Reading);
}
