namespace Glance.Runtime.Reminders;

/// <summary>Bound to "Runtime:Reminders".</summary>
public sealed class ReminderOptions
{
    public const string SectionName = "Runtime:Reminders";

    /// <summary>Reminders are spread over this many shards; each shard is owned (and fired) by one silo at a time.</summary>
    public int Shards { get; set; } = 16;

    /// <summary>How long a silo's claim on a shard lasts without renewal: the worst-case pause after a silo dies.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often leases are renewed or taken and shard contents re-read.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Shortest allowed period (Orleans insists on a minute; tests and demos want less).</summary>
    public TimeSpan MinimumPeriod { get; set; } = TimeSpan.FromSeconds(1);
}
