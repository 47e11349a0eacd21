namespace Glance.Grains.Events;

/// <summary>
/// A logging scope naming the tenant and event, so every line written inside it, the fetcher's and the
/// detectors' included, can be found by event without each of them knowing which event it serves.
/// </summary>
internal static class EventLogScope
{
    public static IDisposable? Begin(ILogger logger, string scopedEventKey)
    {
        var (tenantId, eventId) = ResourceId.Unscope(scopedEventKey);
        return logger.BeginScope(new KeyValuePair<string, object?>[] { new("TenantId", tenantId), new("EventId", eventId) });
    }
}
