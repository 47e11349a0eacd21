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
}
