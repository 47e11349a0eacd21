namespace Glance.Demo;

/// <summary>The embedded run's demo event. Bound to "Demo"; "--source &lt;url&gt;" (configuration key "source") replaces the channel; "--Demo:Fresh true" starts it over.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>Register the demo event at start-up (embedded mode only; a cluster silo never runs the demo).</summary>
    public bool Enabled { get; set; } = true;

    public string TenantId { get; set; } = "demo";

    public string EventId { get; set; } = "demo-live";

    /// <summary>
    /// Start a new demo: the demo event is deleted with its segments and timeline and registered again, and the channel
    /// starts a new playlist. By default a restart keeps the event and continues the channel where it stopped.
    /// </summary>
    public bool Fresh { get; set; }

    /// <summary>How long to wait for the channel's first segment before registering the event anyway.</summary>
    public TimeSpan FirstSegmentTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How far ahead the demo channel's schedule reaches (bounded by the schedule's program limit); it is registered again halfway.</summary>
    public TimeSpan ScheduleHorizon { get; set; } = TimeSpan.FromHours(1);
}
