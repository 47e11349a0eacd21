using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Glance.Media.Fetching;

/// <summary>
/// Instruments of the "Glance.Media.Fetching" meter. A fetch (one call, retries included) is counted once in
/// glance.fetch.requests and once in the glance.fetch.duration histogram, with the same tags, so the two always agree;
/// its HTTP requests or file reads, retries included, are counted in glance.fetch.attempts. Created through the host's
/// <see cref="IMeterFactory"/>: one singleton per host, registered with the fetcher.
/// </summary>
public sealed class FetchMetrics
{
    public const string MeterName = "Glance.Media.Fetching";

    private readonly Counter<long> requests;
    private readonly Counter<long> attempts;
    private readonly Counter<long> bytes;
    private readonly Histogram<double> duration;

    public FetchMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);

        requests = meter.CreateCounter<long>("glance.fetch.requests", "{request}", "Fetches (retries included in one) by kind and final outcome.");
        attempts = meter.CreateCounter<long>("glance.fetch.attempts", "{attempt}", "Fetch attempts (HTTP requests or file reads, each retry one more) by kind and outcome.");
        bytes = meter.CreateCounter<long>("glance.fetch.bytes", "By", "Body bytes kept from successful fetches.");
        duration = meter.CreateHistogram<double>("glance.fetch.duration", "s", "Time per fetch, retries and backoff included, by kind and outcome.");
    }

    internal void Attempt(string kind, string outcome, int? statusCode)
    {
        var tags = new TagList { { "kind", kind }, { "outcome", outcome } };
        if (statusCode is { } code)
        {
            tags.Add("http.response.status_code", code);
        }

        attempts.Add(1, tags);
    }

    internal void Completed(string kind, string outcome, TimeSpan elapsed, long byteCount)
    {
        var tags = new TagList { { "kind", kind }, { "outcome", outcome } };
        requests.Add(1, tags);
        duration.Record(elapsed.TotalSeconds, tags);
        if (byteCount > 0)
        {
            bytes.Add(byteCount, new KeyValuePair<string, object?>("kind", kind));
        }
    }

    internal static string Outcome(SourceFetchFailure? failure) => failure switch
    {
        null => "success",
        SourceFetchFailure.HttpStatus => "http_status",
        SourceFetchFailure.Timeout => "timeout",
        SourceFetchFailure.TooLarge => "too_large",
        SourceFetchFailure.Denied => "denied",
        SourceFetchFailure.Network => "network",
        SourceFetchFailure.InvalidContent => "invalid_content",
        SourceFetchFailure.FileError => "file_error",
        _ => "other",
    };
}
