namespace Glance.Grains.Interfaces.Engagement;

/// <summary>Bounds of instrument catalogs, decisions and engagement histories. Bound to "Engagement".</summary>
public sealed class EngagementOptions
{
    public const string SectionName = "Engagement";

    public int MaxInstrumentsPerEvent { get; set; } = 200;

    /// <summary>Engagements a viewer grain keeps (newest first out last); idempotency keys are remembered as long.</summary>
    public int MaxEngagementHistory { get; set; } = 200;

    /// <summary>Decisions a viewer grain keeps, so that engagements can name them.</summary>
    public int MaxDecisionHistory { get; set; } = 200;

    /// <summary>Instruments whose servings a viewer grain counts for caps and spacing (the least recently served are forgotten).</summary>
    public int MaxServedCounters { get; set; } = 1000;

    /// <summary>Viewers whose quiz score and last engagement an event's tally keeps.</summary>
    public int MaxScoredViewersPerEvent { get; set; } = 50_000;
}
