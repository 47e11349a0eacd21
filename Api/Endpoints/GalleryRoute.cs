using Glance.Grains.Interfaces.Gallery;

namespace Glance.Api.Endpoints;

/// <summary>What sets one kind of gallery item apart in the API; <see cref="GalleryEndpoints"/> maps every kind from one of these.</summary>
/// <param name="Collection">The path segment after /v1/ ("people").</param>
/// <param name="IdName">The route parameter naming an item ("personId"), also the field named in errors about it.</param>
/// <param name="Plural">How summaries name the items ("known people").</param>
/// <param name="Singular">How summaries name one item ("a known person").</param>
/// <param name="HasJobs">Whether uploads of this kind run as jobs (made from images), with a job status to poll.</param>
internal sealed record GalleryRoute(
    GalleryKind Kind,
    string Collection,
    string Tag,
    string IdName,
    string Plural,
    string Singular,
    string ReadSummary,
    string PutSummary,
    string PutDescription,
    bool HasJobs,
    string? DeleteDescription = null)
{
    public string ItemPattern => $"/{{{IdName}}}";

    public string ItemPath(string id) => $"/v1/{Collection}/{id}";

    public string JobPath(string id, string jobId) => $"{ItemPath(id)}/jobs/{jobId}";
}
