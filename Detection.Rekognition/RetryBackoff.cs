namespace Glance.Detection.Rekognition;

/// <summary>Exponential backoff with full jitter: spreads retries of many throttled callers instead of syncing them.</summary>
internal static class RetryBackoff
{
    /// <param name="retry">1 for the first retry.</param>
    public static TimeSpan Delay(int retry, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var ceiling = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry - 1, 30));
        ceiling = Math.Min(ceiling, maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }
}
