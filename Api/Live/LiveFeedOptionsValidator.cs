namespace Glance.Api.Live;

/// <summary>Refuses limits a feed could not work with, naming the key to fix.</summary>
public sealed class LiveFeedOptionsValidator : IValidateOptions<LiveFeedOptions>
{
    public ValidateOptionsResult Validate(string? name, LiveFeedOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string Section = LiveFeedOptions.SectionName;
        if (options.MaxConnections is < 1 or > 100_000)
        {
            failures.Add($"{Section}:MaxConnections must be 1-100000, not {options.MaxConnections}.");
        }

        if (options.MaxConnectionsPerTenant < 1 || options.MaxConnectionsPerTenant > options.MaxConnections)
        {
            failures.Add($"{Section}:MaxConnectionsPerTenant must be 1 to MaxConnections, not {options.MaxConnectionsPerTenant}.");
        }

        if (options.BufferSize is < 1 or > 10_000)
        {
            failures.Add($"{Section}:BufferSize must be 1-10000 updates, not {options.BufferSize}.");
        }

        if (options.HeartbeatInterval < TimeSpan.FromSeconds(1) || options.HeartbeatInterval > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{Section}:HeartbeatInterval must be 1 s to 5 min, not {options.HeartbeatInterval}.");
        }

        if (options.MaxEventsPerFeed is < 1 or > 1000)
        {
            failures.Add($"{Section}:MaxEventsPerFeed must be 1-1000, not {options.MaxEventsPerFeed}.");
        }

        if (options.UnsubscribeTimeout < TimeSpan.FromMilliseconds(100) || options.UnsubscribeTimeout > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Section}:UnsubscribeTimeout must be 100 ms to 1 min, not {options.UnsubscribeTimeout}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
