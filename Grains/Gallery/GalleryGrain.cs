using System.Text.Json;
namespace Glance.Grains.Gallery;

[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
public sealed class GalleryIndexState
{
    /// <summary>Grows with every change; persisted so that it never goes back, even across activations.</summary>
    public long Version { get; set; }

    public Dictionary<string, GalleryEntry> People { get; set; } = [];

    public Dictionary<string, GalleryEntry> Logos { get; set; } = [];

    public Dictionary<string, GalleryEntry> Teams { get; set; } = [];

    public Dictionary<string, GalleryEntry> Classifiers { get; set; } = [];

    public Dictionary<string, GalleryEntry> Entries(GalleryKind kind) => kind switch
    {
        GalleryKind.Person => People,
        GalleryKind.Logo => Logos,
        GalleryKind.Team => Teams,
        GalleryKind.Classifier => Classifiers,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown gallery kind."),
    };
}

/// <summary>
/// A tenant's gallery index. Its row holds only entries (ids, names, revisions); the items' data stays in the items'
/// own rows and reaches this grain with every change, so the detection context is rebuilt from memory. After a
/// (re)activation the data of items not seen yet is read once from the items' snapshots, in parallel.
/// </summary>
[GrainType("gallery")]
public sealed class GalleryGrain([PersistentState("gallery")] IPersistentState<GalleryIndexState> index, IOptions<GalleryOptions> options) : Grain, IGalleryGrain
{
    /// <summary>Item reads in flight while a cold context is assembled.</summary>
    private const int ColdLoadParallelism = 8;

    /// <summary>What an entry's JSON costs besides its strings (property names, kind, revision, time).</summary>
    private const int EntryOverheadBytes = 140;

    private static readonly GalleryKind[] Kinds = Enum.GetValues<GalleryKind>();

    private readonly Dictionary<string, GalleryPerson> people = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GalleryLogo> logos = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GalleryTeam> teams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GalleryClassifier> classifiers = new(StringComparer.Ordinal);
    private GallerySnapshot? context;
    private int indexBytes;
    private volatile Published published = new(0, new Dictionary<GalleryKind, GalleryEntry[]>());

    private GalleryOptions Settings => options.Value;

    private string TenantId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Publish();
        return Task.CompletedTask;
    }

    public Task<long> GetVersionAsync(CancellationToken cancellationToken = default) => Task.FromResult(published.Version);

    public async Task<GallerySnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default)
    {
        if (context is { } ready)
        {
            return ready;
        }

        var state = index.State;
        await LoadMissingAsync(state.People, people, (id, token) => Item<IPersonGrain>(id).GetKnownAsync(token), cancellationToken);
        await LoadMissingAsync(state.Logos, logos, (id, token) => Item<ILogoGrain>(id).GetKnownAsync(token), cancellationToken);
        await LoadMissingAsync(state.Teams, teams, (id, token) => Item<ITeamGrain>(id).GetKnownAsync(token), cancellationToken);
        await LoadMissingAsync(state.Classifiers, classifiers, (id, token) => Item<IClassifierGrain>(id).GetKnownAsync(token), cancellationToken);
        var logoIds = state.Logos.Keys.ToHashSet(StringComparer.Ordinal);
        context = new GallerySnapshot(
            InIdOrder(state.People, people),
            InIdOrder(state.Logos, logos),
            // A logo deleted while a team still named it (a race the removal check narrows but cannot close) is not offered.
            [.. InIdOrder(state.Teams, teams).Select(t => t.LogoId is null || logoIds.Contains(t.LogoId) ? t : t with { LogoId = null })],
            InIdOrder(state.Classifiers, classifiers));
        return context;
    }

    public Task<IReadOnlyList<GalleryEntry>> ListAsync(GalleryKind kind, string? afterId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var all = published.Entries.GetValueOrDefault(kind, []);
        var start = 0;
        if (afterId is not null)
        {
            start = Array.BinarySearch(all, new GalleryEntry(kind, afterId, string.Empty, 0, default), ById.Instance);
            start = start >= 0 ? start + 1 : ~start;
        }

        return Task.FromResult<IReadOnlyList<GalleryEntry>>(all.AsSpan(start, Math.Min(limit, all.Length - start)).ToArray());
    }

    public Task ReserveAsync(GalleryKind kind, string id, string? logoId, CancellationToken cancellationToken = default)
    {
        if (logoId is not null && !index.State.Logos.ContainsKey(logoId))
        {
            throw new ValidationFailedException("logoId", $"There is no logo '{logoId}' in this gallery; upload it first (PUT /v1/logos/{logoId}) and let its job succeed.");
        }

        EnsureRoom(kind, id);
        return Task.CompletedTask;
    }

    public Task PutPersonAsync(GalleryEntry entry, GalleryPerson person, CancellationToken cancellationToken = default) =>
        PutAsync(GalleryKind.Person, entry, people, person, cancellationToken);

    public Task PutLogoAsync(GalleryEntry entry, GalleryLogo logo, CancellationToken cancellationToken = default) =>
        PutAsync(GalleryKind.Logo, entry, logos, logo, cancellationToken);

    public Task PutTeamAsync(GalleryEntry entry, GalleryTeam team, CancellationToken cancellationToken = default) =>
        PutAsync(GalleryKind.Team, entry, teams, team, cancellationToken);

    public Task PutClassifierAsync(GalleryEntry entry, GalleryClassifier classifier, CancellationToken cancellationToken = default) =>
        PutAsync(GalleryKind.Classifier, entry, classifiers, classifier, cancellationToken);

    public Task CheckRemovalAsync(GalleryKind kind, string id, CancellationToken cancellationToken = default)
    {
        if (kind == GalleryKind.Logo)
        {
            var users = index.State.Teams.Values.Where(t => t.LogoId == id).Select(t => $"'{t.Id}'").Order(StringComparer.Ordinal).ToList();
            if (users.Count > 0)
            {
                throw new ResourceConflictException(
                    $"Logo '{id}' is the logo of team {string.Join(", ", users.Take(5))}{(users.Count > 5 ? $" and {users.Count - 5} more" : string.Empty)}; change or delete those teams first.");
            }
        }

        return Task.CompletedTask;
    }

    public async Task RemoveAsync(GalleryKind kind, string id, CancellationToken cancellationToken = default)
    {
        if (!index.State.Entries(kind).ContainsKey(id))
        {
            return;
        }

        await index.UpdateAsync(
            s =>
            {
                s.Entries(kind).Remove(id);
                s.Version++;
                return s;
            },
            cancellationToken);
        Forget(kind, id);
        context = null;
        Publish();
    }

    private async Task PutAsync<TKnown>(GalleryKind kind, GalleryEntry entry, Dictionary<string, TKnown> cache, TKnown known, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(known);
        if (entry.Kind != kind)
        {
            throw new ArgumentException($"A {entry.Kind} entry was handed in as a {kind}.", nameof(entry));
        }

        // No revision check: an item calls in order, one write at a time, and a re-created item starts again at 1.
        var previous = index.State.Entries(kind).GetValueOrDefault(entry.Id);
        EnsureRoom(kind, entry.Id);
        var growth = EntryBytes(entry) - (previous is null ? 0 : EntryBytes(previous));
        if (growth > 0 && indexBytes + growth > Settings.MaxIndexBytes)
        {
            throw new ResourceConflictException(
                $"The gallery index is full ({indexBytes:N0} of {Settings.MaxIndexBytes:N0} bytes of ids and names); delete items or use shorter names.");
        }

        await index.UpdateAsync(
            s =>
            {
                s.Entries(kind)[entry.Id] = entry;
                s.Version++;
                return s;
            },
            cancellationToken);
        cache[entry.Id] = known;
        context = null;
        Publish();
    }

    private void EnsureRoom(GalleryKind kind, string id)
    {
        var entries = index.State.Entries(kind);
        var max = Settings.MaxItems(kind);
        if (!entries.ContainsKey(id) && entries.Count >= max)
        {
            throw new ResourceConflictException($"The gallery holds {entries.Count} items of kind {kind}, the most allowed ({max}); delete some first.");
        }
    }

    private async Task LoadMissingAsync<TKnown>(
        Dictionary<string, GalleryEntry> entries,
        Dictionary<string, TKnown> cache,
        Func<string, CancellationToken, Task<TKnown?>> load,
        CancellationToken cancellationToken)
        where TKnown : class
    {
        var missing = entries.Keys.Where(id => !cache.ContainsKey(id)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        // Calls are started from this activation's turn (grain calls need its context), a bounded number at a time.
        var loaded = new Dictionary<string, TKnown>(StringComparer.Ordinal);
        foreach (var chunk in missing.Chunk(ColdLoadParallelism))
        {
            var known = await Task.WhenAll(chunk.Select(id => load(id, cancellationToken)));
            for (var i = 0; i < chunk.Length; i++)
            {
                // Null: the item vanished since it was indexed (its removal is on the way); it is left out.
                if (known[i] is { } item)
                {
                    loaded[chunk[i]] = item;
                }
            }
        }

        foreach (var (id, known) in loaded)
        {
            cache[id] = known;
        }
    }

    private void Forget(GalleryKind kind, string id)
    {
        switch (kind)
        {
            case GalleryKind.Person:
                people.Remove(id);
                break;
            case GalleryKind.Logo:
                logos.Remove(id);
                break;
            case GalleryKind.Team:
                teams.Remove(id);
                break;
            case GalleryKind.Classifier:
                classifiers.Remove(id);
                break;
        }
    }

    private TGrain Item<TGrain>(string id)
        where TGrain : IGrainWithStringKey => GrainFactory.GetGrainByKey<TGrain>(ResourceId.Scoped(TenantId, id));

    private static TKnown[] InIdOrder<TKnown>(Dictionary<string, GalleryEntry> entries, Dictionary<string, TKnown> cache) =>
        [.. entries.Keys.Order(StringComparer.Ordinal).Where(cache.ContainsKey).Select(id => cache[id])];

    /// <summary>The entry's share of the state row, as the state serializer writes it (non-ASCII escaped).</summary>
    private static int EntryBytes(GalleryEntry entry) =>
        EntryOverheadBytes + (2 * Encoded(entry.Id)) + Encoded(entry.Name) + (entry.LogoId is null ? 0 : Encoded(entry.LogoId) + 12);

    private static int Encoded(string text) => JsonEncodedText.Encode(text).EncodedUtf8Bytes.Length;

    private void Publish()
    {
        var state = index.State;
        indexBytes = Kinds.Sum(k => state.Entries(k).Values.Sum(EntryBytes));
        published = new Published(
            state.Version,
            Kinds.ToDictionary(k => k, k => state.Entries(k).Values.OrderBy(e => e.Id, StringComparer.Ordinal).ToArray()));
    }

    private sealed record Published(long Version, IReadOnlyDictionary<GalleryKind, GalleryEntry[]> Entries);

    private sealed class ById : IComparer<GalleryEntry>
    {
        public static readonly ById Instance = new();

        public int Compare(GalleryEntry? x, GalleryEntry? y) => string.CompareOrdinal(x?.Id, y?.Id);
    }
}
