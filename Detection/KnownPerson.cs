namespace Glance.Detection;

/// <summary>A person in the broadcaster's gallery, with one 128-d face descriptor per reference image.</summary>
public sealed record KnownPerson(string Id, string Name, IReadOnlyList<float[]> Descriptors);
