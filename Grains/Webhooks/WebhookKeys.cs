namespace Glance.Grains.Webhooks;

/// <summary>Where a webhook's delivery log sits in the sorted-record store: one record per delivery, keyed by its number.</summary>
public static class WebhookKeys
{
    public static string DeliveriesPartition(string tenantId, string webhookId) => $"webhook-deliveries/{tenantId}/{webhookId}";
}
