using Glance.Grains.Interfaces.Engagement;
using Microsoft.Extensions.Options;

namespace Glance.Grains.Engagement;

/// <summary>Every bound of <see cref="EngagementOptions"/> is positive: a zero would silently turn instruments or histories off.</summary>
public sealed class EngagementOptionsValidator : IValidateOptions<EngagementOptions>
{
    public ValidateOptionsResult Validate(string? name, EngagementOptions options)
    {
        var failures = new List<string>();
        Positive(options.MaxInstrumentsPerEvent, nameof(options.MaxInstrumentsPerEvent), failures);
        Positive(options.MaxEngagementHistory, nameof(options.MaxEngagementHistory), failures);
        Positive(options.MaxDecisionHistory, nameof(options.MaxDecisionHistory), failures);
        Positive(options.MaxServedCounters, nameof(options.MaxServedCounters), failures);
        Positive(options.MaxScoredViewersPerEvent, nameof(options.MaxScoredViewersPerEvent), failures);
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
