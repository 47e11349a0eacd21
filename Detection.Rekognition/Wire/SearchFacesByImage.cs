namespace Glance.Detection.Rekognition.Wire;

/// <param name="FaceMatchThreshold">0..100 similarity below which matches are not returned.</param>
public sealed record SearchFacesByImageRequest(string CollectionId, RekognitionImage Image, int? MaxFaces, double? FaceMatchThreshold);

/// <summary>
/// Only the largest face of the image is searched; <see cref="SearchedFaceBoundingBox"/> is where it is in the frame,
/// while each match's own box is where the face was in the image it was indexed from.
/// </summary>
public sealed record SearchFacesByImageResponse(
    RekognitionBoundingBox? SearchedFaceBoundingBox,
    double? SearchedFaceConfidence,
    IReadOnlyList<RekognitionFaceMatch>? FaceMatches,
    string? FaceModelVersion);

/// <param name="Similarity">0..100.</param>
public sealed record RekognitionFaceMatch(double? Similarity, RekognitionFace? Face);

/// <param name="ExternalImageId">The id the broadcaster gave when indexing the face (our person id).</param>
public sealed record RekognitionFace(
    string? FaceId,
    string? ImageId,
    string? ExternalImageId,
    RekognitionBoundingBox? BoundingBox,
    double? Confidence);
