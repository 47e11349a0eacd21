using Glance.Detection.Rekognition.Wire;
using Microsoft.Extensions.Options;

namespace Glance.Detection.Rekognition;

/// <summary>Known people from Rekognition's celebrity gallery (RecognizeCelebrities): Id is Rekognition's celebrity id.</summary>
public sealed class RekognitionCelebrityDetector(RekognitionClient client, RekognitionImageEncoder encoder, IOptions<RekognitionOptions> options)
    : RekognitionDetector<RecognizeCelebritiesResponse>(encoder)
{
    public const string DetectorName = "rekognition.celebrities";

    private readonly double minConfidence = options.Value.MinConfidence;

    public override string Name => DetectorName;

    public override IReadOnlySet<DetectionKind> Kinds { get; } = new HashSet<DetectionKind> { DetectionKind.Person };

    protected override async Task<RecognizeCelebritiesResponse?> CallAsync(RekognitionImage image, DetectionContext context, CancellationToken cancellationToken) =>
        await client.RecognizeCelebritiesAsync(new RecognizeCelebritiesRequest(image), cancellationToken).ConfigureAwait(false);

    protected override IReadOnlyList<FrameDetection> Detections(RecognizeCelebritiesResponse response, DetectionContext context) =>
        Map(response, Math.Max(minConfidence, context.Thresholds.MinFaceConfidence));

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
