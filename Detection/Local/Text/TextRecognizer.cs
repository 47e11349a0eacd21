using Glance.Detection.Local.Imaging;
using Microsoft.Extensions.Options;

namespace Glance.Detection.Local.Text;

/// <summary>
/// Reads the text of a frame: candidate lines are found and cleaned in-process, then read by one Tesseract run per
/// frame. A frame with nothing that looks like text costs no Tesseract run at all, and neither does one whose lines
/// were all read before: broadcast text is mostly static graphics (scoreboards, names, tickers) whose cleaned crops
/// repeat exactly from frame to frame, so what Tesseract read in a crop is remembered by the crop's pixels.
/// </summary>
public sealed class TextRecognizer(TesseractEngine engine, IOptions<LocalTextOptions> options)
{
    private readonly ReadCropCache cache = new(options.Value.ReadCropCacheSize);

    /// <summary>Tesseract's "uniform block of text": the mosaic is exactly that, one line per row.</summary>
    private const int BlockOfLines = 6;

    private const string SharedKey = "local.text.recognized";

    private readonly LocalTextOptions options = options.Value;

    /// <param name="regions">Where to read, relative to the frame; empty reads the whole frame.</param>
    public async Task<RecognizedText> RecognizeAsync(GreyImage frame, IReadOnlyList<BoundingBox> regions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(regions);
        var lines = TextLineExtractor.Extract(frame, regions, options);
        if (lines.Count == 0)
        {
            return RecognizedText.Empty;
        }

        var keys = lines.Select(ReadCropCache.KeyOf).ToArray();
        var read = new IReadOnlyList<TesseractWord>?[lines.Count];
        var unread = new List<int>();
        for (var i = 0; i < lines.Count; i++)
        {
            if ((read[i] = cache.Get(keys[i])) is null)
            {
                unread.Add(i);
            }
        }

        if (unread.Count > 0)
        {
            var mosaic = TextMosaic.Build(unread.Select(i => lines[i]).ToList(), options.LineHeight);
            var perSlot = mosaic.SplitBySlot(await engine.ReadAsync(mosaic.Image, BlockOfLines, cancellationToken).ConfigureAwait(false));
            for (var slot = 0; slot < unread.Count; slot++)
            {
                read[unread[slot]] = perSlot[slot];
                cache.Put(keys[unread[slot]], perSlot[slot]);
            }
        }

        TextMetrics.CropReads.Add(lines.Count - unread.Count, new KeyValuePair<string, object?>("source", "cache"));
        TextMetrics.CropReads.Add(unread.Count, new KeyValuePair<string, object?>("source", "tesseract"));
        return TextMosaic.Assemble(lines.Select((line, i) => (line, read[i]!)).ToList(), frame.Width, frame.Height);
    }

    /// <summary>The frame's text, read once and shared by every detector that needs it (text, teams).</summary>
    public Task<RecognizedText> RecognizeSharedAsync(DetectionFrame frame, DetectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(context);
        return frame.SharedAsync(
            SharedKey,
            async token => await RecognizeAsync(await SharedImages.GreyAsync(frame, token).ConfigureAwait(false), context.TextRegions, token).ConfigureAwait(false),
            cancellationToken);
    }
}
