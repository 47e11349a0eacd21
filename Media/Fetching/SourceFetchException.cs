namespace Glance.Media.Fetching;

/// <summary>
/// A playlist or segment could not be fetched. The message is one readable sentence (no query string, which may hold
/// tokens); <see cref="Reason"/> and <see cref="StatusCode"/> are for stream events and metrics. Retries have already
/// happened when this is thrown: <see cref="Attempts"/> says how many.
/// </summary>
public sealed class SourceFetchException : Exception
{
    public SourceFetchException(
        SourceFetchFailure reason, Uri url, string message, int attempts = 1, int? statusCode = null, Exception? inner = null)
        : base(attempts > 1 ? $"{message} (after {attempts} attempts)" : message, inner)
    {
        Reason = reason;
        Url = url;
        Attempts = attempts;
        StatusCode = statusCode;
    }

    public SourceFetchFailure Reason { get; }

    /// <summary>The URL that was asked for (before redirects).</summary>
    public Uri Url { get; }

    public int Attempts { get; }

    /// <summary>The HTTP status when <see cref="Reason"/> is <see cref="SourceFetchFailure.HttpStatus"/>.</summary>
    public int? StatusCode { get; }

    /// <summary>The policy refusal when <see cref="Reason"/> is <see cref="SourceFetchFailure.Denied"/>.</summary>
    public SourceAccessDeniedException? Denial => InnerException as SourceAccessDeniedException;

    /// <summary>Whether another attempt could succeed (server errors, timeouts, connection failures).</summary>
    internal bool IsTransient { get; init; }

    /// <summary>The wait the server asked for with Retry-After, already bounded.</summary>
    internal TimeSpan? RetryAfter { get; init; }
}
