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

    /// <summary>
    /// Viewers whose quiz score and last engagement an event's tally keeps. Beyond it a new viewer's engagements are
    /// still counted, without a quiz score and without repeat detection; the results say how many were.
    /// </summary>
    public int MaxScoredViewersPerEvent { get; set; } = 50_000;

    /// <summary>
    /// How long a viewer grain may hold decisions (their records and the serving counts for spacing) in memory before
    /// writing them: a crash loses at most this much of that bookkeeping. Engagements and servings of an instrument with
    /// a per-viewer cap are written before they are answered, whatever this says.
    /// </summary>
    public TimeSpan DecisionSaveInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most decisions a viewer grain holds unsaved; the next one is written, with them, before it is answered.</summary>
    public int MaxUnsavedDecisions { get; set; } = 20;

    /// <summary>How old a silo's copy of an event's catalog may get before a decision reads the catalog grain again (a change reaches the catalog grain's own silo at once).</summary>
    public TimeSpan CatalogRefresh { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Events whose catalogs a silo keeps a copy of for decisions; beyond it expired copies go first, then the oldest.</summary>
    public int MaxCachedCatalogs { get; set; } = 10_000;

    /// <summary>After a viewer dismissed an instrument, how long it is not offered to them again in that event (zero turns this off).</summary>
    public TimeSpan DismissalSuppression { get; set; } = TimeSpan.FromMinutes(30);
}
