namespace Glance.Grains.Webhooks;

/// <summary>A tenant's webhooks (with their secrets, which only signing reads) and the deliveries still to make.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
public sealed class WebhookState
{
    public Dictionary<string, StoredWebhook> Webhooks { get; set; } = [];

    /// <summary>Oldest first; bounded by Webhooks:MaxQueuedDeliveries.</summary>
    public List<QueuedDelivery> Queue { get; set; } = [];
}

/// <param name="LastDeliveryNumber">Deliveries are numbered per webhook and the numbers only grow: they key its log.</param>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
public sealed record StoredWebhook(
    string Id,
    string Url,
    IReadOnlyList<string> Events,
    IReadOnlyList<MonitoringCheck> Checks,
    IReadOnlyList<string> EventIds,
    bool Enabled,
    string? Description,
    string Secret,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset SecretCreatedAt,
    long LastDeliveryNumber = 0);

/// <summary>A delivery not yet made: its body as first built (the same bytes on every attempt) and where it stands.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
public sealed record QueuedDelivery(
    long Number,
    string WebhookId,
    string DeliveryId,
    string Type,
    string EventId,
    long IncidentNumber,
    MonitoringCheck Check,
    string Body,
    DateTimeOffset CreatedAt,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    int? StatusCode = null,
    string? LastError = null,
    double? LatencyMs = null,
    DateTimeOffset? LastAttemptAt = null);
