using System.Net;
using System.Text.RegularExpressions;
namespace Glance.Detection.Rekognition;

/// <summary>Refuses settings that would only fail later, request by request (or leak signed requests over plain http).</summary>
public sealed partial class RekognitionOptionsValidator : IValidateOptions<RekognitionOptions>
{
    public ValidateOptionsResult Validate(string? name, RekognitionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        if (string.IsNullOrWhiteSpace(options.Region) || !RegionPattern().IsMatch(options.Region))
        {
            failures.Add($"Region '{options.Region}' is not an AWS region name (for example eu-west-1).");
        }

        if (options.Endpoint is { } endpoint)
        {
            if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add($"Endpoint '{endpoint}' must be an absolute http(s) address.");
            }
            else if (endpoint.Scheme == Uri.UriSchemeHttp && !IsLoopback(endpoint))
            {
                failures.Add($"Endpoint '{endpoint}' uses plain http; only loopback endpoints may (signed requests and images would travel in clear).");
            }
        }

        if (options.MaxRequestsPerSecond < 1)
        {
            failures.Add("MaxRequestsPerSecond must be at least 1.");
        }

        if (options.MaxQueuedRequests < 0)
        {
            failures.Add("MaxQueuedRequests cannot be negative.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(5))
        {
            failures.Add("Timeout must be positive and at most 5 minutes.");
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            failures.Add("MaxRetries must be 0..10.");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.RetryMaxDelay < options.RetryBaseDelay)
        {
            failures.Add("RetryBaseDelay must be non-negative and RetryMaxDelay at least RetryBaseDelay.");
        }

        if (options.MinConfidence is < 0 or > 1 || options.MinFaceSimilarity is < 0 or > 1)
        {
            failures.Add("MinConfidence and MinFaceSimilarity are 0..1.");
        }

        if (options.MaxLabels < 1 || options.MaxFaceMatches is < 1 or > 4096 || options.MaxCustomLabels < 1)
        {
            failures.Add("MaxLabels, MaxCustomLabels and MaxFaceMatches (up to 4096) must be at least 1.");
        }

        if (options.JpegQuality is < 1 or > 100)
        {
            failures.Add("JpegQuality must be 1..100.");
        }

        if (options.Operations.HasFlag(RekognitionOperations.CustomLabels) && string.IsNullOrWhiteSpace(options.ProjectVersionArn))
        {
            failures.Add("CustomLabels is enabled but ProjectVersionArn is not set.");
        }

        if (options.Operations.HasFlag(RekognitionOperations.Faces) && string.IsNullOrWhiteSpace(options.CollectionId))
        {
            failures.Add("Faces is enabled but CollectionId is not set.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsLoopback(Uri endpoint) =>
        endpoint.IsLoopback || (IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();
}
