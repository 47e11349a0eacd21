using Microsoft.Extensions.Options;

namespace Glance.Media.Fetching;

/// <summary>Rejects settings that would make fetching unbounded or impossible, naming the key to fix.</summary>
public sealed class SourceAccessOptionsValidator : IValidateOptions<SourceAccessOptions>
{
    /// <summary>Largest body cap: bodies are held in one array.</summary>
    public const long MaxBodyCap = 1L << 30;

    public ValidateOptionsResult Validate(string? name, SourceAccessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var network in options.AllowedNetworks)
        {
            try
            {
                NetworkPolicy.ParseNetwork(network);
            }
            catch (FormatException e)
            {
                failures.Add(e.Message);
            }
        }

        if (options.AllowFileSources && options.AllowedFileRoots.All(string.IsNullOrWhiteSpace))
        {
            failures.Add($"{Key(nameof(options.AllowFileSources))} is on but {Key(nameof(options.AllowedFileRoots))} names no directory.");
        }

        Require(failures, options.MaxRedirects is >= 0 and <= 20, nameof(options.MaxRedirects), "must be between 0 and 20");
        Require(failures, options.MaxAttempts is >= 1 and <= 10, nameof(options.MaxAttempts), "must be between 1 and 10");
        Require(failures, options.MaxPlaylistBytes is > 0 and <= MaxBodyCap, nameof(options.MaxPlaylistBytes), "must be between 1 byte and 1 GiB");
        Require(failures, options.MaxSegmentBytes is > 0 and <= MaxBodyCap, nameof(options.MaxSegmentBytes), "must be between 1 byte and 1 GiB");
        foreach (var (key, value) in new[]
                 {
                     (nameof(options.DnsTimeout), options.DnsTimeout),
                     (nameof(options.ConnectTimeout), options.ConnectTimeout),
                     (nameof(options.PlaylistRequestTimeout), options.PlaylistRequestTimeout),
                     (nameof(options.SegmentRequestTimeout), options.SegmentRequestTimeout),
                     (nameof(options.PlaylistDeadline), options.PlaylistDeadline),
                     (nameof(options.SegmentDeadline), options.SegmentDeadline),
                     (nameof(options.PooledConnectionLifetime), options.PooledConnectionLifetime),
                 })
        {
            Require(failures, value > TimeSpan.Zero && value <= TimeSpan.FromHours(1), key, "must be a positive time of at most one hour");
        }

        foreach (var (key, value) in new[]
                 {
                     (nameof(options.RetryBaseDelay), options.RetryBaseDelay),
                     (nameof(options.RetryMaxDelay), options.RetryMaxDelay),
                     (nameof(options.MaxRetryAfter), options.MaxRetryAfter),
                 })
        {
            Require(failures, value >= TimeSpan.Zero && value <= TimeSpan.FromMinutes(10), key, "must be between zero and ten minutes");
        }

        Require(failures, !string.IsNullOrWhiteSpace(options.UserAgent), nameof(options.UserAgent), "must not be empty");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> for invalid options (for code that is given options directly).</summary>
    public static void EnsureValid(SourceAccessOptions options)
    {
        var result = new SourceAccessOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(SourceAccessOptions), result.Failures);
        }
    }

    private static void Require(List<string> failures, bool condition, string property, string rule)
    {
        if (!condition)
        {
            failures.Add($"{Key(property)} {rule}.");
        }
    }

    private static string Key(string property) => $"{SourceAccessOptions.SectionName}:{property}";
}
