using System.Diagnostics.Metrics;

namespace Glance.Grains.Webhooks;

/// <summary>Webhook instruments on the "Glance.Webhooks" meter (glance_webhook_deliveries_total in /metrics).</summary>
internal static class WebhookMetrics
{
    private static readonly Meter Meter = new("Glance.Webhooks", "1.0");

    private static readonly Counter<long> Deliveries = Meter.CreateCounter<long>(
        "glance.webhook.deliveries", unit: "{delivery}", description: "Webhook deliveries finished, by outcome (delivered, failed: attempts exhausted, dropped: queue full or webhook deleted or disabled).");

    private static readonly Counter<long> Attempts = Meter.CreateCounter<long>(
        "glance.webhook.attempts", unit: "{attempt}", description: "Webhook delivery attempts, by outcome (success, failure).");

    public static void Finished(string outcome) => Deliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public static void Attempted(bool succeeded) => Attempts.Add(1, new KeyValuePair<string, object?>("outcome", succeeded ? "success" : "failure"));
}
