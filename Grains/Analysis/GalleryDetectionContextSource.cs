using System.Collections.Concurrent;
using Glance.Detection;
using Glance.Media.Frames;
namespace Glance.Grains.Analysis;

/// <summary>
/// The detection context of a tenant from its gallery grain, cached per tenant and fetched again only when the
/// gallery's version moves (a version check is an interleaved call that answers from memory). The gallery's records
/// become the detectors' once per version, here, so the grain contracts need not know the detectors.
/// </summary>
public sealed class GalleryDetectionContextSource(IGrainFactory grains) : IDetectionContextSource
{
    private readonly ConcurrentDictionary<string, (long Version, DetectionContext Context)> cache = new(StringComparer.Ordinal);

    public async ValueTask<DetectionContext> GetAsync(string tenantId, CancellationToken cancellationToken)
    {
        var gallery = grains.GetGrainByKey<IGalleryGrain>(tenantId);
        var version = await gallery.GetVersionAsync(cancellationToken);
        if (cache.TryGetValue(tenantId, out var cached) && cached.Version == version)
        {
            return cached.Context;
        }

        var context = ToDetectionContext(await gallery.GetSnapshotAsync(cancellationToken));
        cache[tenantId] = (version, context);
        return context;
    }

    /// <summary>Thresholds and regions are left at their defaults for the event to set.</summary>
    public static DetectionContext ToDetectionContext(GallerySnapshot gallery)
    {
        ArgumentNullException.ThrowIfNull(gallery);
        return new DetectionContext
        {
            People = [.. gallery.People.Select(p => new KnownPerson(p.Id, p.Name, p.Descriptors))],
            Logos = [.. gallery.Logos.Select(l => new KnownLogo(l.Id, l.Name, new RgbImage(l.Template.Width, l.Template.Height, l.Template.Pixels)))],
            Teams = [.. gallery.Teams.Select(t => new KnownTeam(t.Id, t.Name, t.Abbreviations, t.Nicknames, t.LogoId))],
            Classifiers = [.. gallery.Classifiers.Select(c => new TrainedClassifier(c.Id, c.Name, c.Classes, c.Model))],
        };
    }
}
