namespace Glance.Detection.Local.Text;

/// <summary>
/// "local.text": text on screen, one detection per line (what a viewer would read; the words stay available to the
/// team detector through the frame's shared memo). Lines below the event's text confidence are dropped.
/// </summary>
public sealed class LocalTextDetector(TextRecognizer recognizer, Microsoft.Extensions.Options.IOptions<LocalTextOptions> options) : ISegmentAwareDetector
{
    public const string DetectorName = "local.text";

    /// <summary>
    /// Lines with fewer letters and digits than this are reported only without lower-case letters: on air they are
    /// abbreviations and numbers ("VS", "FT", "42"), while texture read as text gives fragments like "ol" or "fe".
    /// </summary>
    private const int ShortLineLength = 3;

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
    /// A line worth showing a viewer: at least a few letters or digits, mostly letters or digits, and a very short one
    /// not in lower case. Tesseract turns texture (foliage, a crowd, a shirt) into fragments like "ol !", "fe" or a
    /// lone "i"; the team detector still sees every word through the shared memo, so a lone score digit is not lost.
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

        return alphanumeric >= minCharacters && alphanumeric * 4 >= visible * 3 && (alphanumeric >= ShortLineLength || !HasLowercase(text));
    }

    private static bool HasLowercase(string text)
    {
        foreach (var c in text)
        {
            if (char.IsLower(c))
            {
                return true;
            }
        }

        return false;
    }
}
