namespace Glance.Grains.Interfaces.Events;

public enum LiveEventState
{
    /// <summary>Registered; ingestion starts a lead time before the start.</summary>
    Scheduled,

    /// <summary>Ingesting.</summary>
    Live,

    /// <summary>Past its end (plus grace), or stopped by hand.</summary>
    Ended,

    /// <summary>Ingestion cannot proceed (the source is refused or gone); see the failure reason.</summary>
    Failed,
}

/// <summary>A broadcaster's manual decision, which wins over the schedule until changed.</summary>
public enum ManualOverride
{
    None,
    Started,
    Stopped,
}
