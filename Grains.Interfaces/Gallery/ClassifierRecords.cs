namespace Glance.Grains.Interfaces.Gallery;

/// <param name="Model">The trained model; null keeps the stored one (not on creation).</param>
[GenerateSerializer, Immutable]
public sealed record ClassifierDefinition(string Name, ClassifierModel? Model);

/// <summary>A trained model and what is known of its training.</summary>
/// <param name="Model">The detector family's serialized model (see the classifier trainer's format).</param>
/// <param name="TrainingAccuracy">Share of the training examples the model classifies correctly (optimistic: not held out).</param>
[GenerateSerializer, Immutable]
public sealed record ClassifierModel(
    IReadOnlyList<string> Classes,
    ReadOnlyMemory<byte> Model,
    IReadOnlyDictionary<string, int> ExamplesPerClass,
    double TrainingAccuracy);

/// <param name="ModelBytes">Size of the stored model.</param>
[GenerateSerializer, Immutable]
public sealed record ClassifierView(
    string Id,
    string Name,
    IReadOnlyList<string> Classes,
    IReadOnlyDictionary<string, int> ExamplesPerClass,
    double TrainingAccuracy,
    int ModelBytes,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A classifier as the classifier detector takes it.</summary>
[GenerateSerializer, Immutable]
public sealed record GalleryClassifier(string Id, string Name, IReadOnlyList<string> Classes, ReadOnlyMemory<byte> Model);
