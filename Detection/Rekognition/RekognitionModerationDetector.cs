using Glance.Detection.Rekognition.Wire;
using Microsoft.Extensions.Options;

namespace Glance.Detection.Rekognition;

/// <summary>Unsafe or sensitive content (DetectModerationLabels), for broadcast monitoring; no boxes.</summary>
public sealed class RekognitionModerationDetector(RekognitionClient client, RekognitionImageEncoder encoder, IOptions<RekognitionOptions> options) : IFrameDetector
{
    public const string DetectorName = "rekognition.moderation";

    private readonly double minConfidence = options.Value.MinConfidence;

    public string Name => DetectorName;

    public IReadOnlySet<DetectionKind> Kinds { get; } = new HashSet<DetectionKind> { DetectionKind.Moderation };

    public async ValueTask<IReadOnlyList<FrameDetection>> DetectAsync(DetectionFrame frame, DetectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var jpeg = await encoder.GetJpegAsync(frame, RekognitionImageEncoder.MaxImageBytes, cancellationToken).ConfigureAwait(false);
        var request = new DetectModerationLabelsRequest(new RekognitionImage(jpeg), Percent.FromUnit(minConfidence));
        var response = await client.DetectModerationLabelsAsync(request, cancellationToken).ConfigureAwait(false);
        return Map(response, minConfidence);
    }

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
