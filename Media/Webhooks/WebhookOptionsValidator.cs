using Microsoft.Extensions.Options;

namespace Glance.Media.Webhooks;

/// <summary>Refuses settings that would make delivery unbounded or never retried, naming the key to fix.</summary>
public sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Require(failures, options.AttemptTimeout > TimeSpan.Zero && options.AttemptTimeout <= TimeSpan.FromMinutes(2), nameof(options.AttemptTimeout), "must be a positive time of at most 2 minutes");
        Require(failures, options.MaxAttempts is >= 1 and <= 20, nameof(options.MaxAttempts), "must be 1-20");
        Require(failures, options.RetryBaseDelay > TimeSpan.Zero && options.RetryBaseDelay <= options.RetryMaxDelay, nameof(options.RetryBaseDelay), "must be positive and at most RetryMaxDelay");
        Require(failures, options.RetryMaxDelay <= TimeSpan.FromHours(6), nameof(options.RetryMaxDelay), "must be at most 6 hours");
        Require(failures, options.MaxQueuedDeliveries is >= 1 and <= 1000, nameof(options.MaxQueuedDeliveries), "must be 1-1000 (the queue lives in one grain-state row)");
        Require(failures, options.MaxConcurrentAttempts is >= 1 and <= 32, nameof(options.MaxConcurrentAttempts), "must be 1-32");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Require(List<string> failures, bool condition, string key, string rule)
    {
        if (!condition)
        {
            failures.Add($"{WebhookOptions.SectionName}:{key} {rule}.");
        }
    }
}
