namespace Glance.Grains.Events;

/// <summary>When events start and stop ingesting. Bound to "Events".</summary>
public sealed class EventOptions
{
    public const string SectionName = "Events";

    /// <summary>Ingestion starts this long before the event's start.</summary>
    public TimeSpan StartLead { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Ingestion stops this long after the event's end.</summary>
    public TimeSpan EndGrace { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often a live event checks that its ingestion runs as it should (the reminder period).</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest event accepted.</summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Events a tenant may have at once.</summary>
    public int MaxEventsPerTenant { get; set; } = 10_000;
}
