namespace Glance.Detection;

/// <summary>
/// A broadcaster's custom image classifier (for example sport type), trained from labelled example frames.
/// <paramref name="Model"/> is the detector family's own serialized model (features and weights).
/// </summary>
public sealed record TrainedClassifier(string Id, string Name, IReadOnlyList<string> Classes, ReadOnlyMemory<byte> Model);
