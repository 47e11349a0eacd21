using Glance.Grains.Interfaces.Monitoring;
namespace Glance.Grains.Interfaces.Webhooks;

/// <summary>An incident opened or closed on one of the tenant's events, as the monitor tells the tenant's webhooks.</summary>
/// <param name="At">When the monitor recorded the change.</param>
[GenerateSerializer, Immutable, Alias("glance.webhooks.incident-notice")]
public sealed record IncidentNotice(
    [property: Id(0)] string EventId,
    [property: Id(1)] MonitoringIncident Incident,
    [property: Id(2)] DateTimeOffset At)
{
    public string Type => Incident.State == IncidentState.Open ? WebhookEventTypes.IncidentOpened : WebhookEventTypes.IncidentClosed;
}
