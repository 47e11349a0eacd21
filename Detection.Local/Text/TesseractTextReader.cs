namespace Glance.Detection.Local.Text;

/// <summary>
/// Reads text with Tesseract: candidate lines are found and cleaned in-process, then read by Tesseract as few times
/// as possible. A frame with nothing that looks like text costs no Tesseract run at all, and neither does one whose
/// lines were all read before: broadcast text is mostly static graphics (scoreboards, names, tickers) whose cleaned
/// crops repeat exactly from frame to frame, so what Tesseract read in a crop is remembered by the crop's pixels.
/// A segment's frames are read together: one Tesseract start (about 80 ms of CPU) instead of one per frame, and a
/// scoreboard shown in all of them is read once.
/// </summary>
public sealed class TesseractTextReader(TesseractEngine engine, IOptions<LocalTextOptions> options, TextMetrics metrics) : ITextReader
{
    /// <summary>Most lines one Tesseract run reads; a segment with more is read in several runs.</summary>
    public const int MaxLinesPerRun = 96;

    /// <summary>Tesseract's "uniform block of text": the mosaic is exactly that, one line per row.</summary>
    private const int BlockOfLines = 6;

    private readonly ReadCropCache<IReadOnlyList<TesseractWord>> cache = new(options.Value.ReadCropCacheSize);

    private readonly LocalTextOptions options = options.Value;

    /// <summary>The text of several frames, each distinct unread line crop sent to Tesseract once.</summary>
    public async Task<IReadOnlyList<RecognizedText>> ReadAsync(
        IReadOnlyList<GreyImage> frames, IReadOnlyList<BoundingBox> regions, string scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(regions);
        var lines = new IReadOnlyList<LineCrop>[frames.Count];
        var keys = new UInt128[frames.Count][];
        var known = new Dictionary<UInt128, IReadOnlyList<TesseractWord>>();
        var unread = new List<(UInt128 Key, LineCrop Crop)>();
        var pending = new HashSet<UInt128>();
        var total = 0;
        for (var f = 0; f < frames.Count; f++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lines[f] = TextLineExtractor.Extract(frames[f], regions, options);
            keys[f] = [.. lines[f].Select(ReadCropCache<IReadOnlyList<TesseractWord>>.KeyOf)];
            total += lines[f].Count;
            for (var i = 0; i < lines[f].Count; i++)
            {
                var key = keys[f][i];
                if (known.ContainsKey(key) || pending.Contains(key))
                {
                    continue;
                }

                if (cache.Get(key) is { } remembered)
                {
                    known[key] = remembered;
                }
                else
                {
                    pending.Add(key);
                    unread.Add((key, lines[f][i]));
                }
            }
        }

        foreach (var run in unread.Chunk(MaxLinesPerRun))
        {
            var mosaic = TextMosaic.Build([.. run.Select(u => u.Crop)], options.LineHeight);
            metrics.TesseractRuns.Add(1, new KeyValuePair<string, object?>("scope", scope));
            var perSlot = mosaic.SplitBySlot(await engine.ReadAsync(mosaic.Image, BlockOfLines, cancellationToken).ConfigureAwait(false));
            for (var slot = 0; slot < run.Length; slot++)
            {
                known[run[slot].Key] = perSlot[slot];
                cache.Put(run[slot].Key, perSlot[slot]);
            }
        }

        metrics.CropReads.Add(total - unread.Count, new KeyValuePair<string, object?>("source", "cache"));
        metrics.CropReads.Add(unread.Count, new KeyValuePair<string, object?>("source", "tesseract"));
        var texts = new RecognizedText[frames.Count];
        for (var f = 0; f < frames.Count; f++)
        {
            var frameLines = lines[f];
            var frameKeys = keys[f];
            texts[f] = frameLines.Count == 0
                ? RecognizedText.Empty
                : TextMosaic.Assemble([.. frameLines.Select((line, i) => (line, known[frameKeys[i]]))], frames[f].Width, frames[f].Height);
        }

        return texts;
    }
}
