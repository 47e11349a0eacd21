using Glance.Grains.Interfaces.Webhooks;
namespace Glance.Grains.Webhooks;

/// <summary>How the monitor hands incident changes to the tenant's webhooks: queued durably by the webhook grain, sent on
/// its own time. A failure to queue is logged and never fails the segment's checks, which are recorded already.</summary>
public static partial class IncidentWebhooks
{
    /// <param name="eventKey">The event's scoped key ("tenant/event").</param>
    public static async Task QueueAsync(IGrainFactory grains, string eventKey, IReadOnlyList<MonitoringIncident> changes, DateTimeOffset at, ILogger logger, CancellationToken cancellationToken)
    {
        var (tenantId, eventId) = ResourceId.Unscope(eventKey);
        var webhooks = grains.GetGrainByKey<IWebhookGrain>(tenantId);
        foreach (var change in changes)
        {
            try
            {
                await webhooks.NotifyAsync(new IncidentNotice(eventId, change, at), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogQueueFailed(logger, e, eventKey, change.Number, change.State);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Monitor {Event}: incident {Number} ({State}) could not be queued for the tenant's webhooks")]
    private static partial void LogQueueFailed(ILogger logger, Exception exception, string @event, long number, IncidentState state);
}
