namespace Glance.Detection.Local.Text;

/// <summary>
/// "local.text": text on screen, one detection per line (what a viewer would read; the words stay available to the
/// team detector through the frame's shared memo). Lines below the event's text confidence are dropped.
/// </summary>
public sealed class LocalTextDetector(TextRecognizer recognizer) : IFrameDetector
{
    public const string DetectorName = "local.text";

    private static readonly IReadOnlySet<DetectionKind> TextOnly = new HashSet<DetectionKind> { DetectionKind.Text };

    public string Name => DetectorName;

    public IReadOnlySet<DetectionKind> Kinds => TextOnly;

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
            if (cleaned.Length > 0)
            {
                detections.Add(new FrameDetection(DetectionKind.Text, null, cleaned, line.Confidence, line.Box, DetectorName));
            }
        }

        return detections;
    }
}
