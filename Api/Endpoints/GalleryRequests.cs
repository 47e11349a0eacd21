namespace Glance.Api.Endpoints;

/// <summary>A known person as JSON: the name and reference photos in base64 (JPEG, PNG, ...).</summary>
/// <param name="Images">Leave out to keep the stored reference images (only when the person exists).</param>
public sealed record PersonUpload(string Name, IReadOnlyList<byte[]?>? Images = null);

/// <summary>A logo as JSON: the name and the image in base64.</summary>
/// <param name="Image">Leave out to keep the stored template (only when the logo exists).</param>
/// <param name="WidthOnAir">The logo's width in pixels in a 720p frame; the image is scaled down to it.</param>
public sealed record LogoUpload(string Name, byte[]? Image = null, int? WidthOnAir = null);

/// <param name="LogoId">A logo of this gallery (PUT /v1/logos/{logoId} first).</param>
public sealed record TeamRequest(string Name, List<string>? Abbreviations = null, List<string>? Nicknames = null, string? LogoId = null);

/// <summary>A custom classifier as JSON: the name and labelled example frames in base64.</summary>
/// <param name="Examples">Leave out to keep the stored model (only when the classifier exists).</param>
public sealed record ClassifierUpload(string Name, IReadOnlyList<ClassifierExample>? Examples = null);

public sealed record ClassifierExample(string Label, byte[] Image);

public sealed record GalleryListItem(string Id, string Name, DateTimeOffset UpdatedAt);

/// <param name="Next">Pass as ?after= to read the next page; null on the last page.</param>
public sealed record GalleryPage(IReadOnlyList<GalleryListItem> Items, string? Next);
