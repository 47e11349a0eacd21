namespace Glance.Detection.Rekognition.Wire;

public sealed record DetectTextRequest(RekognitionImage Image, DetectTextFilters? Filters);

/// <param name="RegionsOfInterest">At most 10; text outside them is not returned.</param>
public sealed record DetectTextFilters(IReadOnlyList<RekognitionRegionOfInterest>? RegionsOfInterest);

public sealed record RekognitionRegionOfInterest(RekognitionBoundingBox BoundingBox);

public sealed record DetectTextResponse(IReadOnlyList<RekognitionTextDetection>? TextDetections, string? TextModelVersion);

/// <param name="Type">"LINE" or "WORD"; every word also appears inside a line (ParentId).</param>
public sealed record RekognitionTextDetection(
    string? DetectedText,
    string? Type,
    int? Id,
    int? ParentId,
    double? Confidence,
    RekognitionGeometry? Geometry);
