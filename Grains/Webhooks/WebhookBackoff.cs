namespace Glance.Grains.Webhooks;

/// <summary>
/// Exponential back-off with full jitter between a delivery's attempts, kept per delivery in grain state (so it
/// survives a restart, which an in-memory retry loop would not): receivers recovering from an outage are not hit by
/// every tenant's retries at once.
/// </summary>
public static class WebhookBackoff
{
    /// <param name="retry">1 before the second attempt.</param>
    /// <param name="random">A value in [0, 1).</param>
    public static TimeSpan Delay(int retry, TimeSpan baseDelay, TimeSpan maxDelay, double random)
    {
        var ceiling = Math.Min(baseDelay.TotalMilliseconds * Math.Pow(2, Math.Clamp(retry - 1, 0, 30)), maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(Math.Clamp(random, 0, 1) * ceiling);
    }
}
