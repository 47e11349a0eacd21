using System.Collections.Concurrent;
using Glance.Detection;
using Glance.Grains.Interfaces.Gallery;
using Orleans;

namespace Glance.Grains.Analysis;

/// <summary>
/// The detection context of a tenant from its gallery grain, cached per tenant and fetched again only when the
/// gallery's version moves (a version check is an interleaved call that answers from memory).
/// </summary>
public sealed class GalleryDetectionContextSource(IGrainFactory grains) : IDetectionContextSource
{
    private readonly ConcurrentDictionary<string, (long Version, DetectionContext Context)> cache = new(StringComparer.Ordinal);

    public async ValueTask<DetectionContext> GetAsync(string tenantId, CancellationToken cancellationToken)
    {
        var gallery = grains.GetGrain<IGalleryGrain>(tenantId);
        var version = await gallery.GetVersionAsync(cancellationToken);
        if (cache.TryGetValue(tenantId, out var cached) && cached.Version == version)
        {
            return cached.Context;
        }

        var context = await gallery.GetDetectionContextAsync(cancellationToken);
        cache[tenantId] = (version, context);
        return context;
    }
}
