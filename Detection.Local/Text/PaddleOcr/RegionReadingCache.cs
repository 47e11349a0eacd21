namespace Glance.Detection.Local.Text.PaddleOcr;

/// <summary>
/// What was found in candidate regions, by what they show (<see cref="CandidateRegion.ShowsSameTextAs"/>), so a graphic that stays on
/// air costs the networks once. Looked up by comparison rather than by a hash (a pixel of flicker changes any hash),
/// so it is kept small: a channel shows a handful of graphics, each in a few variants. When full, the entry used
/// longest ago makes room. Shared by every channel the host analyses, hence the lock.
/// </summary>
public sealed class RegionReadingCache<TReading>(int capacity)
    where TReading : class
{
    private readonly List<Entry> entries = [];
    private readonly Lock gate = new();
    private long clock;

    /// <returns>The remembered reading and how far the region's text lies from where it was read (frame pixels), or null.</returns>
    public (TReading Reading, (double X, double Y) Shift)? Find(CandidateRegion region)
    {
        ArgumentNullException.ThrowIfNull(region);
        lock (gate)
        {
            // Newest first: the variant of a graphic seen last is the likeliest to be on screen now.
            for (var i = entries.Count - 1; i >= 0; i--)
            {
                var entry = entries[i];
                if (entry.Region.ShowsSameTextAs(region, out var shift))
                {
                    entry.LastUsed = ++clock;
                    return (entry.Reading, shift);
                }
            }

            return null;
        }
    }

    public void Add(CandidateRegion region, TReading reading)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(reading);
        if (capacity <= 0)
        {
            return;
        }

        lock (gate)
        {
            if (entries.Count >= capacity)
            {
                var oldest = 0;
                for (var i = 1; i < entries.Count; i++)
                {
                    if (entries[i].LastUsed < entries[oldest].LastUsed)
                    {
                        oldest = i;
                    }
                }

                entries.RemoveAt(oldest);
            }

            entries.Add(new Entry(region, reading) { LastUsed = ++clock });
        }
    }

    private sealed class Entry(CandidateRegion region, TReading reading)
    {
        public CandidateRegion Region { get; } = region;

        public TReading Reading { get; } = reading;

        public long LastUsed { get; set; }
    }
}
