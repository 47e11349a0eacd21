namespace Glance.Detection.Rekognition.Wire;

public sealed record RecognizeCelebritiesRequest(RekognitionImage Image);

public sealed record RecognizeCelebritiesResponse(
    IReadOnlyList<RekognitionCelebrity>? CelebrityFaces,
    IReadOnlyList<RekognitionComparedFace>? UnrecognizedFaces);

/// <param name="MatchConfidence">0..100.</param>
public sealed record RekognitionCelebrity(
    string? Id,
    string? Name,
    double? MatchConfidence,
    RekognitionComparedFace? Face,
    IReadOnlyList<string>? Urls);

/// <param name="Confidence">0..100 that the box holds a face.</param>
public sealed record RekognitionComparedFace(RekognitionBoundingBox? BoundingBox, double? Confidence);
