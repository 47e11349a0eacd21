namespace Glance.Grains.Interfaces.Webhooks;

/// <summary>The <c>type</c> of a webhook payload, as receivers switch on it.</summary>
public static class WebhookEventTypes
{
    public const string IncidentOpened = "incident.opened";

    public const string IncidentClosed = "incident.closed";

    public static IReadOnlyList<string> All { get; } = [IncidentOpened, IncidentClosed];
}
