using System.Diagnostics.Metrics;

namespace Glance.Grains.Webhooks;

/// <summary>
/// Webhook instruments on the "Glance.Webhooks" meter (glance_webhook_deliveries_total in /metrics), created through the
/// host's <see cref="IMeterFactory"/>: one singleton per host, registered beside the webhook sender.
/// </summary>
public sealed class WebhookMetrics
{
    public const string MeterName = "Glance.Webhooks";

    private readonly Counter<long> deliveries;
    private readonly Counter<long> attempts;

    public WebhookMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName, "1.0");
        deliveries = meter.CreateCounter<long>(
            "glance.webhook.deliveries", unit: "{delivery}", description: "Webhook deliveries finished, by outcome (delivered, failed: attempts exhausted, dropped: queue full or webhook deleted or disabled).");
        attempts = meter.CreateCounter<long>(
            "glance.webhook.attempts", unit: "{attempt}", description: "Webhook delivery attempts, by outcome (success, failure).");
    }

    public void Finished(string outcome) => deliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Attempted(bool succeeded) => attempts.Add(1, new KeyValuePair<string, object?>("outcome", succeeded ? "success" : "failure"));
}
