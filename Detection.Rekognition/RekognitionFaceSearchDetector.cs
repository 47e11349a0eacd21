namespace Glance.Detection.Rekognition;

/// <summary>
/// The broadcaster's own people, from a Rekognition face collection (SearchFacesByImage). Rekognition searches only the
/// largest face of the frame, so this reports at most one face: the best match (Id = the ExternalImageId it was indexed
/// with, else the FaceId; Name from the event's gallery when the id is there), or an unknown face when nothing matches.
/// </summary>
public sealed class RekognitionFaceSearchDetector : RekognitionDetector<SearchFacesByImageResponse>
{
    public const string DetectorName = "rekognition.faces";

    /// <summary>The name an unmatched face is reported under.</summary>
    public const string UnknownFaceName = "unknown face";

    public RekognitionFaceSearchDetector(RekognitionClient client, RekognitionImageEncoder encoder, IOptions<RekognitionOptions> options)
        : base(DetectorName, [DetectionKind.Face], client, encoder, options) =>
        RequireSetting(Options.CollectionId, "SearchFacesByImage needs CollectionId.");

    protected override async Task<SearchFacesByImageResponse?> CallAsync(RekognitionImage image, DetectionContext context, CancellationToken cancellationToken)
    {
        var request = new SearchFacesByImageRequest(Options.CollectionId!, image, Options.MaxFaceMatches, Percent.FromUnit(Options.MinFaceSimilarity));
        try
        {
            return await Client.SearchFacesByImageAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (RekognitionException e) when (IsNoFace(e))
        {
            // Rekognition answers a frame without any face with an error, not an empty result.
            return null;
        }
    }

    protected override IReadOnlyList<FrameDetection> Detections(SearchFacesByImageResponse response, DetectionContext context) =>
        Map(response, context, Math.Max(Options.MinConfidence, context.Thresholds.MinFaceConfidence));

    internal static IReadOnlyList<FrameDetection> Map(SearchFacesByImageResponse response, DetectionContext context, double minFaceConfidence)
    {
        var box = response.SearchedFaceBoundingBox?.ToRelativeBox();
        RekognitionFaceMatch? best = null;
        foreach (var match in response.FaceMatches ?? [])
        {
            if (IdOf(match.Face) is not null && (best is null || (match.Similarity ?? 0) > (best.Similarity ?? 0)))
            {
                best = match;
            }
        }

        if (IdOf(best?.Face) is { } id)
        {
            var name = context.People.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.Ordinal))?.Name ?? id;
            return [new FrameDetection(DetectionKind.Face, id, name, Percent.ToUnit(best!.Similarity), box, DetectorName)];
        }

        var faceConfidence = Percent.ToUnit(response.SearchedFaceConfidence);
        return box is not null && faceConfidence >= minFaceConfidence
            ? [new FrameDetection(DetectionKind.Face, null, UnknownFaceName, faceConfidence, box, DetectorName)]
            : [];
    }

    private static string? IdOf(RekognitionFace? face) =>
        !string.IsNullOrWhiteSpace(face?.ExternalImageId) ? face.ExternalImageId
        : !string.IsNullOrWhiteSpace(face?.FaceId) ? face.FaceId
        : null;

    private static bool IsNoFace(RekognitionException e) =>
        e.ErrorType == "InvalidParameterException" && e.ErrorMessage.Contains("no faces", StringComparison.OrdinalIgnoreCase);
}
