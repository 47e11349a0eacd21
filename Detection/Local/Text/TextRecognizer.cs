using Glance.Detection.Local.Imaging;
using Microsoft.Extensions.Options;

namespace Glance.Detection.Local.Text;

/// <summary>
/// Reads the text of a frame: candidate lines are found and cleaned in-process, then read by one Tesseract run per
/// frame. A frame with nothing that looks like text costs no Tesseract run at all.
/// </summary>
public sealed class TextRecognizer(TesseractEngine engine, IOptions<LocalTextOptions> options)
{
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

        var mosaic = TextMosaic.Build(lines, options.LineHeight);
        var words = await engine.ReadAsync(mosaic.Image, BlockOfLines, cancellationToken).ConfigureAwait(false);
        return mosaic.MapBack(words, frame.Width, frame.Height);
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
