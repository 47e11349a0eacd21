namespace Glance.Detection.Rekognition.Wire;

public sealed record DetectModerationLabelsRequest(RekognitionImage Image, double? MinConfidence);

public sealed record DetectModerationLabelsResponse(IReadOnlyList<RekognitionModerationLabel>? ModerationLabels, string? ModerationModelVersion);

/// <param name="ParentName">Empty for a top-level category.</param>
public sealed record RekognitionModerationLabel(string? Name, double? Confidence, string? ParentName, int? TaxonomyLevel);
