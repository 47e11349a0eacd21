namespace Glance.Detection.Rekognition;

/// <summary>Known people from Rekognition's celebrity gallery (RecognizeCelebrities): Id is Rekognition's celebrity id.</summary>
public sealed class RekognitionCelebrityDetector(RekognitionClient client, RekognitionImageEncoder encoder, IOptions<RekognitionOptions> options)
    : RekognitionDetector<RecognizeCelebritiesResponse>(DetectorName, [DetectionKind.Person], client, encoder, options)
{
    public const string DetectorName = "rekognition.celebrities";

    protected override async Task<RecognizeCelebritiesResponse?> CallAsync(RekognitionImage image, DetectionContext context, CancellationToken cancellationToken) =>
        await Client.RecognizeCelebritiesAsync(new RecognizeCelebritiesRequest(image), cancellationToken).ConfigureAwait(false);

    protected override IReadOnlyList<FrameDetection> Detections(RecognizeCelebritiesResponse response, DetectionContext context) =>
        Map(response, Math.Max(Options.MinConfidence, context.Thresholds.MinFaceConfidence));

    internal static IReadOnlyList<FrameDetection> Map(RecognizeCelebritiesResponse response, double minConfidence)
    {
        List<FrameDetection> detections = [];
        foreach (var celebrity in response.CelebrityFaces ?? [])
        {
            var confidence = Percent.ToUnit(celebrity.MatchConfidence);
            if (string.IsNullOrWhiteSpace(celebrity.Name) || confidence < minConfidence)
            {
                continue;
            }

            var id = string.IsNullOrWhiteSpace(celebrity.Id) ? null : celebrity.Id;
            detections.Add(new FrameDetection(DetectionKind.Person, id, celebrity.Name, confidence, celebrity.Face?.BoundingBox?.ToRelativeBox(), DetectorName));
        }

        return detections;
    }
}
