using Glance.Grains.Interfaces.Monitoring;
namespace Glance.Grains.Interfaces.Webhooks;

/// <summary>One delivery of one incident change to one webhook, as its log shows it.</summary>
/// <param name="DeliveryId">The <c>webhook-id</c> header: the same on every attempt, so receivers can drop repeats.</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="StatusCode">The last attempt's HTTP status; null when it got no answer.</param>
/// <param name="LastError">Why the last attempt failed (a status, a timeout, a refused address); null after a success.</param>
/// <param name="LatencyMs">The last attempt's time to the response headers.</param>
/// <param name="NextAttemptAt">When the next attempt is due while pending.</param>
[GenerateSerializer, Immutable, Alias("glance.webhooks.delivery")]
public sealed record WebhookDelivery(
    [property: Id(0)] string DeliveryId,
    [property: Id(1)] string Type,
    [property: Id(2)] string EventId,
    [property: Id(3)] long IncidentNumber,
    [property: Id(4)] MonitoringCheck Check,
    [property: Id(5)] DeliveryStatus Status,
    [property: Id(6)] int Attempts,
    [property: Id(7)] int? StatusCode,
    [property: Id(8)] string? LastError,
    [property: Id(9)] double? LatencyMs,
    [property: Id(10)] DateTimeOffset CreatedAt,
    [property: Id(11)] DateTimeOffset? LastAttemptAt,
    [property: Id(12)] DateTimeOffset? NextAttemptAt);

public enum DeliveryStatus
{
    /// <summary>Queued, or failed and waiting for its next attempt.</summary>
    Pending,

    /// <summary>A 2xx answer.</summary>
    Delivered,

    /// <summary>Every attempt failed, or it was dropped (the queue was full, the webhook disabled).</summary>
    Failed,
}
