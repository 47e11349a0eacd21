namespace Glance.Grains.Engagement.Learning;

/// <summary>The contextual bandit that ranks eligible instruments (disjoint LinUCB with epsilon-greedy exploration). Bound to "Engagement:Learning".</summary>
public sealed class LearningOptions
{
    public const string SectionName = "Engagement:Learning";

    /// <summary>False: every decision is made by the static targeting rules and nothing is learned.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The share of personalized decisions that pick uniformly among the eligible instruments (0 to 1): what keeps the logged propensities positive, so other policies can be evaluated offline.</summary>
    public double ExplorationRate { get; set; } = 0.1;

    /// <summary>Width of the upper confidence bound: how much the greedy choice favours instruments it knows little about in this context.</summary>
    public double ConfidenceWidth { get; set; } = 0.5;

    /// <summary>Ridge regularization of each instrument's model (its design matrix starts as this times the identity).</summary>
    public double Ridge { get; set; } = 1;

    /// <summary>Rewards an instrument must have learned from before the learner ranks it; until every candidate has, the targeting rules pick (cold start).</summary>
    public int MinArmUpdates { get; set; } = 20;

    /// <summary>After an impression, how long a click, answer, vote or purchase still counts as its reward; when it closes without one the reward is 0.</summary>
    public TimeSpan AttributionWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Instruments an event's model holds; beyond it the least recently updated is forgotten.</summary>
    public int MaxArms { get; set; } = 64;

    /// <summary>Impressions waiting for their reward in an event's learner; beyond it the oldest is resolved as 0 early.</summary>
    public int MaxPendingImpressions { get; set; } = 100_000;

    /// <summary>How old a silo's cached model may get before a decision refreshes it (in the background).</summary>
    public TimeSpan SnapshotRefresh { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a changed model is written to grain storage (and on deactivation): an update is lost only if its silo dies within this.</summary>
    public TimeSpan SaveInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Event models a silo caches (the least recently fetched are dropped beyond it).</summary>
    public int MaxCachedModels { get; set; } = 10_000;
}
