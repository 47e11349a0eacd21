namespace Glance.Media.Webhooks;

/// <summary>How webhook deliveries are attempted and retried. Bound to "Webhooks".</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Time allowed for one attempt: connect, send, and the receiver's response headers.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts per delivery, the first included; then it is marked failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait before retry n is random in [0, min(RetryMaxDelay, RetryBaseDelay * 2^(n-1))] (full jitter).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Deliveries a tenant's queue holds; beyond it the oldest is dropped (logged as failed).</summary>
    public int MaxQueuedDeliveries { get; set; } = 200;

    /// <summary>Deliveries attempted at the same time per tenant.</summary>
    public int MaxConcurrentAttempts { get; set; } = 4;
}
