namespace Glance.Grains.Timeline;

/// <summary>
/// The recent part of an event's timeline in memory: frames with sightings, sorted by position, immutable so that
/// context queries read it without locks while the timeline grain replaces it after each segment. Re-adding a segment
/// replaces its frames (idempotent); frames older than the window behind the newest are dropped.
/// </summary>
public sealed class HotTimeline
{
    private readonly TimelineEntry[] entries;

    // Entity ids and confidences of each entry's sightings (parallel arrays), and what each id names: interned once when
    // a segment is added, so that a query reads plain arrays instead of building strings or calling through the
    // sightings' list interface.
    private readonly Seen[][] seen;
    private readonly Entity[] entities;

    // Key to id; only the writer (the timeline grain's turn, always on the newest snapshot) reads or grows it.
    private readonly Dictionary<string, int> interned;

    private HotTimeline(TimelineEntry[] entries, Seen[][] seen, Entity[] entities, Dictionary<string, int> interned, bool trimmed)
    {
        this.entries = entries;
        this.seen = seen;
        this.entities = entities;
        this.interned = interned;
        Trimmed = trimmed;
    }

    public static HotTimeline Empty => new([], [], [], new Dictionary<string, int>(StringComparer.Ordinal), false);

    /// <summary>Older frames exist in the store than this window holds.</summary>
    public bool Trimmed { get; }

    public int Count => entries.Length;

    public double? Oldest => entries.Length == 0 ? null : entries[0].Position;

    public double? Newest => entries.Length == 0 ? null : entries[^1].Position;

    public HotTimeline With(IReadOnlyCollection<TimelineEntry> added, int epoch, long sequence, TimeSpan window)
    {
        var known = entities;
        var addedIds = new Dictionary<TimelineEntry, Seen[]>(ReferenceEqualityComparer.Instance);
        foreach (var entry in added)
        {
            var ids = new Seen[entry.Sightings.Count];
            for (var i = 0; i < ids.Length; i++)
            {
                var sighting = entry.Sightings[i];
                var key = EntityIdentity.KeyOf(sighting);
                if (!interned.TryGetValue(key, out var id))
                {
                    id = interned.Count;
                    interned[key] = id;
                    known = [.. known, new Entity(sighting.Kind, sighting.Id, sighting.Name)];
                }
                else if (EntityIdentity.PreferredName(known[id].Name, sighting.Name) is var preferred && !ReferenceEquals(preferred, known[id].Name))
                {
                    // Queries read the published array without locks: replace it rather than write into it.
                    known = [.. known];
                    known[id] = known[id] with { Name = preferred };
                }

                ids[i] = new Seen(id, sighting.Confidence);
            }

            addedIds[entry] = ids;
        }

        var merged = entries.Select((e, i) => (Entry: e, Ids: seen[i]))
            .Where(x => x.Entry.Epoch != epoch || x.Entry.Sequence != sequence)
            .Concat(added.Select(e => (Entry: e, Ids: addedIds[e])))
            .OrderBy(x => x.Entry.Position).ThenBy(x => x.Entry.Epoch).ThenBy(x => x.Entry.Sequence).ThenBy(x => x.Entry.Frame)
            .ToArray();
        var trimmed = Trimmed;
        if (merged.Length > 0)
        {
            var horizon = merged[^1].Entry.Position - window.TotalSeconds;
            var first = 0;
            while (first < merged.Length && merged[first].Entry.Position < horizon)
            {
                first++;
            }

            if (first > 0)
            {
                merged = merged[first..];
                trimmed = true;
            }
        }

        return new HotTimeline(merged.Select(x => x.Entry).ToArray(), merged.Select(x => x.Ids).ToArray(), known, interned, trimmed);
    }

    /// <summary>The same frames, known to be only the newest part of what is stored.</summary>
    public HotTimeline AsTrimmed() => new(entries, seen, entities, interned, true);

    /// <summary>
    /// The distinct entities of the frames in [from, to], by relevance (see <see cref="Aggregate(IEnumerable{TimelineEntry}, int)"/>),
    /// computed over interned ids with pooled accumulators: the viewer context hot path.
    /// </summary>
    public IReadOnlyList<ContextEntity> Aggregate(double from, double to, int maxEntities)
    {
        var start = LowerBound(entries, from);
        var end = start;
        while (end < entries.Length && entries[end].Position <= to)
        {
            end++;
        }

        if (start == end)
        {
            return [];
        }

        var accumulators = System.Buffers.ArrayPool<IdAccumulator>.Shared.Rent(entities.Length);
        var touched = System.Buffers.ArrayPool<int>.Shared.Rent(entities.Length);
        var count = 0;
        try
        {
            for (var i = start; i < end; i++)
            {
                var position = entries[i].Position;
                var ids = seen[i];
                for (var j = 0; j < ids.Length; j++)
                {
                    var id = ids[j].Id;
                    ref var acc = ref accumulators[id];
                    if (acc.Occurrences == 0)
                    {
                        touched[count++] = id;
                        acc.FirstSeen = position;
                        acc.MaxConfidence = 0;
                        acc.LastFrame = -1;
                    }

                    if (acc.LastFrame != i)
                    {
                        acc.Occurrences++;
                        acc.LastFrame = i;
                    }

                    acc.LastSeen = position;
                    acc.MaxConfidence = Math.Max(acc.MaxConfidence, ids[j].Confidence);
                }
            }

            var found = new ContextEntity[count];
            for (var k = 0; k < count; k++)
            {
                var id = touched[k];
                ref var acc = ref accumulators[id];
                var entity = entities[id];
                found[k] = new ContextEntity(entity.Kind, entity.Id, entity.Name, Math.Round(acc.FirstSeen, 3), Math.Round(acc.LastSeen, 3), acc.Occurrences, Math.Round(acc.MaxConfidence, 4));
                acc = default;
            }

            Array.Sort(found, ByRelevance.Instance);
            return found.Length <= maxEntities ? found : found[..maxEntities];
        }
        finally
        {
            System.Buffers.ArrayPool<IdAccumulator>.Shared.Return(accumulators);
            System.Buffers.ArrayPool<int>.Shared.Return(touched);
        }
    }

    /// <summary>True when every stored frame at or after <paramref name="from"/> is in memory.</summary>
    public bool Covers(double from) => !Trimmed || (Oldest is { } oldest && from >= oldest);

    public IEnumerable<TimelineEntry> Range(double from, double to)
    {
        for (var i = LowerBound(entries, from); i < entries.Length && entries[i].Position <= to; i++)
        {
            yield return entries[i];
        }
    }

    /// <summary>
    /// The distinct entities in the frames given, by relevance: occurrences x best confidence, then the most recent.
    /// </summary>
    public static IReadOnlyList<ContextEntity> Aggregate(IEnumerable<TimelineEntry> frames, int maxEntities)
    {
        var byEntity = new Dictionary<string, Accumulator>(StringComparer.Ordinal);
        var frameNumber = 0;
        foreach (var frame in frames)
        {
            frameNumber++;
            foreach (var sighting in frame.Sightings)
            {
                var key = EntityIdentity.KeyOf(sighting);
                if (!byEntity.TryGetValue(key, out var entity))
                {
                    entity = new Accumulator(sighting, frame.Position);
                    byEntity[key] = entity;
                }

                entity.Add(sighting, frame.Position, frameNumber);
            }
        }

        var found = byEntity.Values
            .Select(e => new ContextEntity(e.Kind, e.Id, e.Name, Math.Round(e.FirstSeen, 3), Math.Round(e.LastSeen, 3), e.Occurrences, Math.Round(e.MaxConfidence, 4)))
            .ToArray();
        Array.Sort(found, ByRelevance.Instance);
        return found.Length <= maxEntities ? found : found[..maxEntities];
    }

    private static int LowerBound(TimelineEntry[] sorted, double position)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var mid = low + ((high - low) / 2);
            if (sorted[mid].Position < position)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private readonly record struct Entity(string Kind, string? Id, string Name);

    private readonly record struct Seen(int Id, double Confidence);

    private struct IdAccumulator
    {
        public int Occurrences;
        public int LastFrame;
        public double FirstSeen;
        public double LastSeen;
        public double MaxConfidence;
    }

    /// <summary>Occurrences x best confidence, then the most recently seen, then by name for a stable order.</summary>
    private sealed class ByRelevance : IComparer<ContextEntity>
    {
        public static readonly ByRelevance Instance = new();

        public int Compare(ContextEntity? x, ContextEntity? y)
        {
            var byScore = (y!.Occurrences * y.MaxConfidence).CompareTo(x!.Occurrences * x.MaxConfidence);
            if (byScore != 0)
            {
                return byScore;
            }

            var byRecency = y.LastSeen.CompareTo(x.LastSeen);
            return byRecency != 0 ? byRecency : string.CompareOrdinal(x.Name, y.Name);
        }
    }

    private sealed class Accumulator(Sighting first, double position)
    {
        private int lastFrame;

        public string Kind { get; } = first.Kind;

        public string? Id { get; } = first.Id;

        public string Name { get; private set; } = first.Name;

        public double FirstSeen { get; private set; } = position;

        public double LastSeen { get; private set; } = position;

        public int Occurrences { get; private set; }

        public double MaxConfidence { get; private set; }

        public void Add(Sighting sighting, double at, int frameNumber)
        {
            FirstSeen = Math.Min(FirstSeen, at);
            LastSeen = Math.Max(LastSeen, at);
            MaxConfidence = Math.Max(MaxConfidence, sighting.Confidence);
            Name = EntityIdentity.PreferredName(Name, sighting.Name);
            if (frameNumber != lastFrame)
            {
                Occurrences++; // several sightings of one entity in a frame count once
                lastFrame = frameNumber;
            }
        }
    }
}
