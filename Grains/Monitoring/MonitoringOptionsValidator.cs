using Microsoft.Extensions.Options;

namespace Glance.Grains.Monitoring;

/// <summary>Refuses defaults a check could not use, naming the key to fix.</summary>
public sealed class MonitoringOptionsValidator : IValidateOptions<MonitoringOptions>
{
    public ValidateOptionsResult Validate(string? name, MonitoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = ThresholdRules.Check(options.Defaults()).Select(e => $"{MonitoringOptions.SectionName}:{e.Key} {e.Value}").ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
