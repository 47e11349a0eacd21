namespace Glance.Grains.Interfaces.Gallery;

/// <param name="Descriptors">128-d face descriptors, one per reference image; null keeps the stored ones (not on creation).</param>
[GenerateSerializer, Immutable]
public sealed record PersonDefinition(string Name, IReadOnlyList<float[]>? Descriptors);

/// <param name="ReferenceImages">How many reference images (descriptors) the person has.</param>
[GenerateSerializer, Immutable]
public sealed record PersonView(string Id, string Name, int ReferenceImages, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A person as the face detector takes it.</summary>
[GenerateSerializer, Immutable]
public sealed record GalleryPerson(string Id, string Name, IReadOnlyList<float[]> Descriptors);
