namespace Glance.Detection.Rekognition;

/// <summary>
/// Objects and scenes (DetectLabels): an object label yields one detection per located instance, with its box; a scene
/// label ("Stadium", "Crowd") yields one detection without a box.
/// </summary>
public sealed class RekognitionLabelDetector(RekognitionClient client, RekognitionImageEncoder encoder, IOptions<RekognitionOptions> options)
    : RekognitionDetector<DetectLabelsResponse>(DetectorName, [DetectionKind.Label], client, encoder, options)
{
    public const string DetectorName = "rekognition.labels";

    protected override async Task<DetectLabelsResponse?> CallAsync(RekognitionImage image, DetectionContext context, CancellationToken cancellationToken) =>
        await Client.DetectLabelsAsync(new DetectLabelsRequest(image, Options.MaxLabels, Percent.FromUnit(Options.MinConfidence)), cancellationToken).ConfigureAwait(false);

    protected override IReadOnlyList<FrameDetection> Detections(DetectLabelsResponse response, DetectionContext context) =>
        Map(response, Math.Max(Options.MinConfidence, context.Thresholds.MinLabelConfidence));

    internal static IReadOnlyList<FrameDetection> Map(DetectLabelsResponse response, double minConfidence)
    {
        List<FrameDetection> detections = [];
        foreach (var label in response.Labels ?? [])
        {
            if (string.IsNullOrWhiteSpace(label.Name))
            {
                continue;
            }

            var located = false;
            foreach (var instance in label.Instances ?? [])
            {
                var box = instance.BoundingBox?.ToRelativeBox();
                var confidence = Percent.ToUnit(instance.Confidence ?? label.Confidence);
                if (box is null)
                {
                    continue;
                }

                located = true;
                if (confidence >= minConfidence)
                {
                    detections.Add(new FrameDetection(DetectionKind.Label, null, label.Name, confidence, box, DetectorName));
                }
            }

            var labelConfidence = Percent.ToUnit(label.Confidence);
            if (!located && labelConfidence >= minConfidence)
            {
                detections.Add(new FrameDetection(DetectionKind.Label, null, label.Name, labelConfidence, null, DetectorName));
            }
        }

        return detections;
    }
}
