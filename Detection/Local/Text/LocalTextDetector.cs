namespace Glance.Detection.Local.Text;

/// <summary>
/// "local.text": text on screen, one detection per line (what a viewer would read; the words stay available to the
/// team detector through the frame's shared memo). Lines below the event's text confidence are dropped.
/// </summary>
public sealed class LocalTextDetector(TextRecognizer recognizer, Microsoft.Extensions.Options.IOptions<LocalTextOptions> options) : ISegmentAwareDetector
{
    public const string DetectorName = "local.text";

    private static readonly IReadOnlySet<DetectionKind> TextOnly = new HashSet<DetectionKind> { DetectionKind.Text };

    public string Name => DetectorName;

    public IReadOnlySet<DetectionKind> Kinds => TextOnly;

    public void BeginSegment(IReadOnlyList<DetectionFrame> frames, DetectionContext context, CancellationToken cancellationToken) =>
        recognizer.BeginSegment(frames, context, cancellationToken);

    public async ValueTask<IReadOnlyList<FrameDetection>> DetectAsync(DetectionFrame frame, DetectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(context);
        var text = await recognizer.RecognizeSharedAsync(frame, context, cancellationToken).ConfigureAwait(false);
        var detections = new List<FrameDetection>();
        foreach (var line in text.Lines)
        {
            if (line.Confidence < context.Thresholds.MinTextConfidence)
            {
                continue;
            }

            var cleaned = TextCleanup.TrimNoise(line.Text);
            if (IsReadable(cleaned, options.Value.MinReportedCharacters))
            {
                detections.Add(new FrameDetection(DetectionKind.Text, null, cleaned, line.Confidence, line.Box, DetectorName));
            }
        }

        return detections;
    }

    /// <summary>
    /// A line worth showing a viewer: at least a few letters or digits, and mostly letters or digits. Tesseract turns
    /// texture (foliage, a crowd, a shirt) into fragments like "ol !" or a lone "i"; the team detector still sees every
    /// word through the shared memo, so a lone score digit is not lost to it.
    /// </summary>
    internal static bool IsReadable(string text, int minCharacters)
    {
        var alphanumeric = 0;
        var visible = 0;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            visible++;
            if (char.IsLetterOrDigit(c))
            {
                alphanumeric++;
            }
        }

        return alphanumeric >= minCharacters && alphanumeric * 4 >= visible * 3;
    }
}
