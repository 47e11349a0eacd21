using System.Text.Json;
using System.Text.Json.Serialization;
using Glance.Grains.Interfaces.Webhooks;

namespace Glance.Grains.Webhooks;

/// <summary>The JSON a receiver gets: what happened (<see cref="Type"/>), to which event of which tenant, the incident as
/// <c>GET /v1/events/{id}/incidents</c> shows it, and the delivery's id and time.</summary>
public sealed record WebhookPayload(
    string Type,
    string DeliveryId,
    DateTimeOffset Timestamp,
    string TenantId,
    string EventId,
    MonitoringIncident Incident)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(string tenantId, string deliveryId, IncidentNotice notice) =>
        JsonSerializer.Serialize(new WebhookPayload(notice.Type, deliveryId, notice.At, tenantId, notice.EventId, notice.Incident), Json);
}
