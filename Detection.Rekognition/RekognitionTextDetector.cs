namespace Glance.Detection.Rekognition;

/// <summary>
/// Text in the frame (DetectText), one detection per LINE (words are parts of lines). The event's text regions go to
/// Rekognition as regions of interest; past Rekognition's ten regions the filtering happens here instead.
/// </summary>
public sealed class RekognitionTextDetector(RekognitionClient client, RekognitionImageEncoder encoder, IOptions<RekognitionOptions> options)
    : RekognitionDetector<DetectTextResponse>(DetectorName, [DetectionKind.Text], client, encoder, options)
{
    public const string DetectorName = "rekognition.text";

    private const int MaxRegionsOfInterest = 10;

    protected override async Task<DetectTextResponse?> CallAsync(RekognitionImage image, DetectionContext context, CancellationToken cancellationToken)
    {
        var regions = context.TextRegions;
        var filters = regions.Count is > 0 and <= MaxRegionsOfInterest
            ? new DetectTextFilters([.. regions.Select(r => new RekognitionRegionOfInterest(new RekognitionBoundingBox(r.Width, r.Height, r.X, r.Y)))])
            : null;
        return await Client.DetectTextAsync(new DetectTextRequest(image, filters), cancellationToken).ConfigureAwait(false);
    }

    protected override IReadOnlyList<FrameDetection> Detections(DetectTextResponse response, DetectionContext context)
    {
        var regions = context.TextRegions;
        var lines = Map(response, Math.Max(Options.MinConfidence, context.Thresholds.MinTextConfidence));
        return regions.Count > MaxRegionsOfInterest ? [.. lines.Where(line => line.Box is { } box && CentreInside(box, regions))] : lines;
    }

    internal static IReadOnlyList<FrameDetection> Map(DetectTextResponse response, double minConfidence)
    {
        List<FrameDetection> detections = [];
        foreach (var text in response.TextDetections ?? [])
        {
            var confidence = Percent.ToUnit(text.Confidence);
            if (!string.Equals(text.Type, "LINE", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(text.DetectedText) || confidence < minConfidence)
            {
                continue;
            }

            detections.Add(new FrameDetection(DetectionKind.Text, null, text.DetectedText.Trim(), confidence, text.Geometry?.BoundingBox?.ToRelativeBox(), DetectorName));
        }

        return detections;
    }

    private static bool CentreInside(BoundingBox box, IReadOnlyList<BoundingBox> regions)
    {
        var x = box.X + (box.Width / 2);
        var y = box.Y + (box.Height / 2);
        foreach (var region in regions)
        {
            if (x >= region.X && x <= region.X + region.Width && y >= region.Y && y <= region.Y + region.Height)
            {
                return true;
            }
        }

        return false;
    }
}
