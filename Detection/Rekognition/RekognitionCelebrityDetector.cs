using Glance.Detection.Rekognition.Wire;
using Microsoft.Extensions.Options;

namespace Glance.Detection.Rekognition;

/// <summary>Known people from Rekognition's celebrity gallery (RecognizeCelebrities): Id is Rekognition's celebrity id.</summary>
public sealed class RekognitionCelebrityDetector(RekognitionClient client, RekognitionImageEncoder encoder, IOptions<RekognitionOptions> options) : IFrameDetector
{
    public const string DetectorName = "rekognition.celebrities";

    private readonly double minConfidence = options.Value.MinConfidence;

    public string Name => DetectorName;

    public IReadOnlySet<DetectionKind> Kinds { get; } = new HashSet<DetectionKind> { DetectionKind.Person };

    public async ValueTask<IReadOnlyList<FrameDetection>> DetectAsync(DetectionFrame frame, DetectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var jpeg = await encoder.GetJpegAsync(frame, RekognitionImageEncoder.MaxImageBytes, cancellationToken).ConfigureAwait(false);
        var response = await client.RecognizeCelebritiesAsync(new RecognizeCelebritiesRequest(new RekognitionImage(jpeg)), cancellationToken).ConfigureAwait(false);
        return Map(response, Math.Max(minConfidence, context.Thresholds.MinFaceConfidence));
    }

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
