namespace Glance.Grains.Engagement;

/// <summary>Every bound of <see cref="EngagementOptions"/> is positive (a zero would silently turn instruments or histories off); the decision save interval is bounded.</summary>
public sealed class EngagementOptionsValidator : IValidateOptions<EngagementOptions>
{
    /// <summary>Longer would let a crash forget minutes of what viewers were shown, or a catalog change wait minutes.</summary>
    public static readonly TimeSpan MaxDecisionSaveInterval = TimeSpan.FromMinutes(1);

    public ValidateOptionsResult Validate(string? name, EngagementOptions options)
    {
        var failures = new List<string>();
        Positive(options.MaxInstrumentsPerEvent, nameof(options.MaxInstrumentsPerEvent), failures);
        Positive(options.MaxEngagementHistory, nameof(options.MaxEngagementHistory), failures);
        Positive(options.MaxDecisionHistory, nameof(options.MaxDecisionHistory), failures);
        Positive(options.MaxServedCounters, nameof(options.MaxServedCounters), failures);
        Positive(options.MaxScoredViewersPerEvent, nameof(options.MaxScoredViewersPerEvent), failures);
        Positive(options.MaxUnsavedDecisions, nameof(options.MaxUnsavedDecisions), failures);
        Positive(options.MaxCachedCatalogs, nameof(options.MaxCachedCatalogs), failures);
        if (options.DecisionSaveInterval <= TimeSpan.Zero || options.DecisionSaveInterval > MaxDecisionSaveInterval)
        {
            failures.Add($"{EngagementOptions.SectionName}:{nameof(options.DecisionSaveInterval)} must be above zero and at most {MaxDecisionSaveInterval} (it is {options.DecisionSaveInterval}): it bounds what a crash loses.");
        }

        if (options.CatalogRefresh <= TimeSpan.Zero || options.CatalogRefresh > MaxDecisionSaveInterval)
        {
            failures.Add($"{EngagementOptions.SectionName}:{nameof(options.CatalogRefresh)} must be above zero and at most {MaxDecisionSaveInterval} (it is {options.CatalogRefresh}): a broadcaster's change must reach decisions soon.");
        }

        if (options.DismissalSuppression < TimeSpan.Zero)
        {
            failures.Add($"{EngagementOptions.SectionName}:{nameof(options.DismissalSuppression)} must not be negative (it is {options.DismissalSuppression}); zero turns it off.");
        }
        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }

    private static void Positive(int value, string name, List<string> failures)
    {
        if (value < 1)
        {
            failures.Add($"{EngagementOptions.SectionName}:{name} must be at least 1 (it is {value}).");
        }
    }
}
