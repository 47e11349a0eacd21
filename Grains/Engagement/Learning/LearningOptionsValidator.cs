namespace Glance.Grains.Engagement.Learning;

/// <summary>Rates are probabilities, bounds positive, intervals positive: a wrong value would silently stop learning or exploring.</summary>
public sealed class LearningOptionsValidator : IValidateOptions<LearningOptions>
{
    public ValidateOptionsResult Validate(string? name, LearningOptions options)
    {
        var failures = new List<string>();
        if (!(options.ExplorationRate is >= 0 and <= 1))
        {
            failures.Add($"{LearningOptions.SectionName}:{nameof(options.ExplorationRate)} must be between 0 and 1 (it is {options.ExplorationRate}).");
        }

        if (!(options.ConfidenceWidth is >= 0 and <= 100))
        {
            failures.Add($"{LearningOptions.SectionName}:{nameof(options.ConfidenceWidth)} must be between 0 and 100 (it is {options.ConfidenceWidth}).");
        }

        if (!(options.Ridge is > 0 and <= 1e6))
        {
            failures.Add($"{LearningOptions.SectionName}:{nameof(options.Ridge)} must be above 0 and at most 1e6 (it is {options.Ridge}).");
        }

        AtLeast(options.MinArmUpdates, 0, nameof(options.MinArmUpdates), failures);
        AtLeast(options.MaxArms, 1, nameof(options.MaxArms), failures);
        AtLeast(options.MaxPendingImpressions, 1, nameof(options.MaxPendingImpressions), failures);
        AtLeast(options.MaxCachedModels, 1, nameof(options.MaxCachedModels), failures);
        Positive(options.AttributionWindow, nameof(options.AttributionWindow), failures);
        Positive(options.SaveInterval, nameof(options.SaveInterval), failures);
        if (options.SnapshotRefresh < TimeSpan.Zero)
        {
            failures.Add($"{LearningOptions.SectionName}:{nameof(options.SnapshotRefresh)} must not be negative (it is {options.SnapshotRefresh}).");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }

    private static void AtLeast(int value, int least, string name, List<string> failures)
    {
        if (value < least)
        {
            failures.Add($"{LearningOptions.SectionName}:{name} must be at least {least} (it is {value}).");
        }
    }

    private static void Positive(TimeSpan value, string name, List<string> failures)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{LearningOptions.SectionName}:{name} must be positive (it is {value}).");
        }
    }
}
