using Glance.Detection.Rekognition.Wire;
using Microsoft.Extensions.Options;

namespace Glance.Detection.Rekognition;

/// <summary>
/// Objects and scenes (DetectLabels): an object label yields one detection per located instance, with its box; a scene
/// label ("Stadium", "Crowd") yields one detection without a box.
/// </summary>
public sealed class RekognitionLabelDetector(RekognitionClient client, RekognitionImageEncoder encoder, IOptions<RekognitionOptions> options) : IFrameDetector
{
    public const string DetectorName = "rekognition.labels";

    private readonly RekognitionOptions options = options.Value;

    public string Name => DetectorName;

    public IReadOnlySet<DetectionKind> Kinds { get; } = new HashSet<DetectionKind> { DetectionKind.Label };

    public async ValueTask<IReadOnlyList<FrameDetection>> DetectAsync(DetectionFrame frame, DetectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var jpeg = await encoder.GetJpegAsync(frame, RekognitionImageEncoder.MaxImageBytes, cancellationToken).ConfigureAwait(false);
        var request = new DetectLabelsRequest(new RekognitionImage(jpeg), options.MaxLabels, Percent.FromUnit(options.MinConfidence));
        var response = await client.DetectLabelsAsync(request, cancellationToken).ConfigureAwait(false);
        return Map(response, Math.Max(options.MinConfidence, context.Thresholds.MinLabelConfidence));
    }

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
