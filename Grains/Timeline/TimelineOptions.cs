namespace Glance.Grains.Timeline;

/// <summary>Timeline and context query bounds. Bound to "Timeline".</summary>
public sealed class TimelineOptions
{
    public const string SectionName = "Timeline";

    /// <summary>How much of the newest timeline each event keeps in memory for context queries.</summary>
    public TimeSpan HotWindow { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Largest "before" and "after" of a context query.</summary>
    public TimeSpan MaxContextSpan { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Most entities one context answer lists.</summary>
    public int MaxContextEntities { get; set; } = 100;

    /// <summary>Most frames read from the store for one query outside the hot window.</summary>
    public int MaxFramesPerQuery { get; set; } = 20_000;

    /// <summary>
    /// How often an event's timeline re-reads the store for segments applied by another silo. Results reach only the
    /// activation on the silo that analyses the stream; in a cluster, activations elsewhere (the API silo answering
    /// context queries) follow the store at this interval. Null (the embedded default, one process): never.
    /// </summary>
    public TimeSpan? FollowStoreInterval { get; set; }
}
