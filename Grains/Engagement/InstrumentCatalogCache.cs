using System.Collections.Concurrent;
namespace Glance.Grains.Engagement;

/// <summary>
/// Each silo's copy of the event catalogs that decisions read, so a decision makes no catalog call while its copy is
/// younger than <see cref="EngagementOptions.CatalogRefresh"/>. A change to a catalog drops the copy of the silo that
/// hosts the catalog grain at once; other silos see it within the refresh.
/// </summary>
public sealed class InstrumentCatalogCache(IGrainFactory grains, IOptions<EngagementOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>Grows with every <see cref="Forget"/>: a fetch that was out across one does not store what it read.</summary>
    private long changes;

    /// <param name="eventKey">"tenant/event".</param>
    public async ValueTask<IReadOnlyList<InstrumentView>> GetAsync(string eventKey, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (entries.TryGetValue(eventKey, out var cached) && now - cached.FetchedAt < options.Value.CatalogRefresh)
        {
            return cached.Instruments;
        }

        var seen = Interlocked.Read(ref changes);
        var instruments = await grains.GetGrainByKey<IInstrumentCatalogGrain>(eventKey).GetAllAsync(cancellationToken);
        if (Interlocked.Read(ref changes) == seen)
        {
            entries[eventKey] = new Entry(instruments, now);
            Trim(now);
        }

        return instruments;
    }

    /// <summary>The catalog changed: the next decision reads it again.</summary>
    public void Forget(string eventKey)
    {
        Interlocked.Increment(ref changes);
        entries.TryRemove(eventKey, out _);
    }

    /// <summary>
    /// Keeps the copies within <see cref="EngagementOptions.MaxCachedCatalogs"/> without sorting them on every fetch:
    /// expired copies (useless, a decision would read the catalog again) go first; should that not be enough, the
    /// oldest go until a tenth of the room is free, so the next sort is that many fetches away.
    /// </summary>
    private void Trim(DateTimeOffset now)
    {
        var settings = options.Value;
        if (entries.Count <= settings.MaxCachedCatalogs)
        {
            return;
        }

        foreach (var (key, entry) in entries)
        {
            if (now - entry.FetchedAt >= settings.CatalogRefresh)
            {
                entries.TryRemove(key, out _);
            }
        }

        if (entries.Count <= settings.MaxCachedCatalogs)
        {
            return;
        }

        var excess = entries.Count - (settings.MaxCachedCatalogs - (settings.MaxCachedCatalogs / 10));
        foreach (var oldest in entries.OrderBy(e => e.Value.FetchedAt).Take(excess).ToList())
        {
            entries.TryRemove(oldest.Key, out _);
        }
    }

    /// <summary>How many event catalogs this silo holds a copy of.</summary>
    public int Count => entries.Count;

    private sealed record Entry(IReadOnlyList<InstrumentView> Instruments, DateTimeOffset FetchedAt);
}
