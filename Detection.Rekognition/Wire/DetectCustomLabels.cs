namespace Glance.Detection.Rekognition.Wire;

/// <param name="MinConfidence">0..100; without it the model's own assumed threshold applies.</param>
public sealed record DetectCustomLabelsRequest(string ProjectVersionArn, RekognitionImage Image, int? MaxResults, double? MinConfidence);

public sealed record DetectCustomLabelsResponse(IReadOnlyList<RekognitionCustomLabel>? CustomLabels);

/// <param name="Geometry">Only for object-detection models; image-classification models give none.</param>
public sealed record RekognitionCustomLabel(string? Name, double? Confidence, RekognitionGeometry? Geometry);
