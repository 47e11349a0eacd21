namespace Glance.Grains.Monitoring;

/// <summary>Refuses defaults a check could not use, naming the key to fix.</summary>
public sealed class MonitoringOptionsValidator : IValidateOptions<MonitoringOptions>
{
    public ValidateOptionsResult Validate(string? name, MonitoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = ThresholdRules.Check(options.Defaults()).Select(e => $"{MonitoringOptions.SectionName}:{e.Key} {e.Value}").ToList();
        if (options.IncidentOpenAfter is < 1 or > 100)
        {
            failures.Add($"{MonitoringOptions.SectionName}:IncidentOpenAfter must be 1-100 failing segments, not {options.IncidentOpenAfter}.");
        }

        if (options.IncidentCloseAfter is < 1 or > 100)
        {
            failures.Add($"{MonitoringOptions.SectionName}:IncidentCloseAfter must be 1-100 passing segments, not {options.IncidentCloseAfter}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
