namespace Glance.Grains.Interfaces.Gallery;

/// <summary>An uploaded image file and the request field it came in (named in error messages).</summary>
[GenerateSerializer, Immutable]
public sealed record ImageUpload(string Field, ReadOnlyMemory<byte> Content);

/// <summary>An uploaded classifier example: the class it shows and its image.</summary>
[GenerateSerializer, Immutable]
public sealed record LabelledUpload(string Field, string Label, ReadOnlyMemory<byte> Content);
