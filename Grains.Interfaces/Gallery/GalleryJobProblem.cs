namespace Glance.Grains.Interfaces.Gallery;

/// <summary>
/// Why a gallery job failed, shaped as an RFC 9457 problem detail: what the upload request would have answered had the
/// work run during it (400 with errors by field for an unusable upload, 409 for a full gallery, 500 otherwise).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record GalleryJobProblem(int Status, string Title, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null);
