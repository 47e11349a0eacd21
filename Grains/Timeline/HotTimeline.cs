using Glance.Grains.Interfaces.Timeline;

namespace Glance.Grains.Timeline;

/// <summary>
/// The recent part of an event's timeline in memory: frames with sightings, sorted by position, immutable so that
/// context queries read it without locks while the timeline grain replaces it after each segment. Re-adding a segment
/// replaces its frames (idempotent); frames older than the window behind the newest are dropped.
/// </summary>
public sealed class HotTimeline
{
    private readonly TimelineEntry[] entries;

    private HotTimeline(TimelineEntry[] entries, bool trimmed)
    {
        this.entries = entries;
        Trimmed = trimmed;
    }

    public static HotTimeline Empty { get; } = new([], false);

    /// <summary>Older frames exist in the store than this window holds.</summary>
    public bool Trimmed { get; }

    public int Count => entries.Length;

    public double? Oldest => entries.Length == 0 ? null : entries[0].Position;

    public double? Newest => entries.Length == 0 ? null : entries[^1].Position;

    public HotTimeline With(IReadOnlyCollection<TimelineEntry> added, int epoch, long sequence, TimeSpan window)
    {
        var kept = entries.Where(e => e.Epoch != epoch || e.Sequence != sequence);
        var merged = kept.Concat(added).OrderBy(e => e.Position).ThenBy(e => e.Epoch).ThenBy(e => e.Sequence).ThenBy(e => e.Frame).ToArray();
        var trimmed = Trimmed;
        if (merged.Length > 0)
        {
            var horizon = merged[^1].Position - window.TotalSeconds;
            var first = LowerBound(merged, horizon);
            if (first > 0)
            {
                merged = merged[first..];
                trimmed = true;
            }
        }

        return new HotTimeline(merged, trimmed);
    }

    /// <summary>The same frames, known to be only the newest part of what is stored.</summary>
    public HotTimeline AsTrimmed() => new(entries, true);

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
                if (!byEntity.TryGetValue(sighting.EntityKey, out var entity))
                {
                    entity = new Accumulator(sighting, frame.Position);
                    byEntity[sighting.EntityKey] = entity;
                }

                entity.Add(sighting, frame.Position, frameNumber);
            }
        }

        return byEntity.Values
            .OrderByDescending(e => e.Occurrences * e.MaxConfidence)
            .ThenByDescending(e => e.LastSeen)
            .ThenBy(e => e.Name, StringComparer.Ordinal)
            .Take(maxEntities)
            .Select(e => new ContextEntity(e.Kind, e.Id, e.Name, Math.Round(e.FirstSeen, 3), Math.Round(e.LastSeen, 3), e.Occurrences, Math.Round(e.MaxConfidence, 4)))
            .ToList();
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

    private sealed class Accumulator(Sighting first, double position)
    {
        private int lastFrame;

        public string Kind { get; } = first.Kind;

        public string? Id { get; } = first.Id;

        public string Name { get; } = first.Name;

        public double FirstSeen { get; private set; } = position;

        public double LastSeen { get; private set; } = position;

        public int Occurrences { get; private set; }

        public double MaxConfidence { get; private set; }

        public void Add(Sighting sighting, double at, int frameNumber)
        {
            FirstSeen = Math.Min(FirstSeen, at);
            LastSeen = Math.Max(LastSeen, at);
            MaxConfidence = Math.Max(MaxConfidence, sighting.Confidence);
            if (frameNumber != lastFrame)
            {
                Occurrences++; // several sightings of one entity in a frame count once
                lastFrame = frameNumber;
            }
        }
    }
}
