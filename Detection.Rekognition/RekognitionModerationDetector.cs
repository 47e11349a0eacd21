namespace Glance.Detection.Rekognition;

/// <summary>Unsafe or sensitive content (DetectModerationLabels), for broadcast monitoring; no boxes.</summary>
public sealed class RekognitionModerationDetector(RekognitionClient client, RekognitionImageEncoder encoder, IOptions<RekognitionOptions> options)
    : RekognitionDetector<DetectModerationLabelsResponse>(DetectorName, [DetectionKind.Moderation], client, encoder, options)
{
    public const string DetectorName = "rekognition.moderation";

    protected override async Task<DetectModerationLabelsResponse?> CallAsync(RekognitionImage image, DetectionContext context, CancellationToken cancellationToken) =>
        await Client.DetectModerationLabelsAsync(new DetectModerationLabelsRequest(image, Percent.FromUnit(Options.MinConfidence)), cancellationToken).ConfigureAwait(false);

    protected override IReadOnlyList<FrameDetection> Detections(DetectModerationLabelsResponse response, DetectionContext context) => Map(response, Options.MinConfidence);

    /// <remarks>
    /// Both a category and its sub-categories come back ("Violence" and "Graphic Violence"); each is its own detection,
    /// so a check can target the broad or the precise name.
    /// </remarks>
    internal static IReadOnlyList<FrameDetection> Map(DetectModerationLabelsResponse response, double minConfidence)
    {
        List<FrameDetection> detections = [];
        foreach (var label in response.ModerationLabels ?? [])
        {
            var confidence = Percent.ToUnit(label.Confidence);
            if (string.IsNullOrWhiteSpace(label.Name) || confidence < minConfidence)
            {
                continue;
            }

            detections.Add(new FrameDetection(DetectionKind.Moderation, null, label.Name, confidence, null, DetectorName));
        }

        return detections;
    }
}
