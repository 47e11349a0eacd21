namespace Glance.Media.Webhooks;

/// <summary>How one attempt went.</summary>
/// <param name="StatusCode">The receiver's HTTP status; null when there was no answer.</param>
/// <param name="Error">Why it failed (non-2xx status, timeout, refused address, connection error); null on success.</param>
/// <param name="Latency">Time to the response headers, or to the failure.</param>
public sealed record WebhookResponse(int? StatusCode, string? Error, TimeSpan Latency)
{
    public bool Succeeded => Error is null;
}
