namespace Glance.Detection.Rekognition.Wire;

/// <param name="MinConfidence">0..100.</param>
public sealed record DetectLabelsRequest(RekognitionImage Image, int? MaxLabels, double? MinConfidence);

public sealed record DetectLabelsResponse(IReadOnlyList<RekognitionLabel>? Labels, string? LabelModelVersion);

/// <param name="Instances">One box per instance for object labels (people, cars, ...); empty for scene labels.</param>
public sealed record RekognitionLabel(
    string? Name,
    double? Confidence,
    IReadOnlyList<RekognitionLabelInstance>? Instances,
    IReadOnlyList<RekognitionParent>? Parents);

public sealed record RekognitionLabelInstance(RekognitionBoundingBox? BoundingBox, double? Confidence);

public sealed record RekognitionParent(string? Name);
