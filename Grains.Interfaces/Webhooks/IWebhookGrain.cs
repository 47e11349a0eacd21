namespace Glance.Grains.Interfaces.Webhooks;

/// <summary>
/// One tenant's webhooks (key: the tenant id) and their delivery: a durable queue in grain state, sent by a timer
/// off the callers' turns, each attempt logged. The monitor only enqueues (<see cref="NotifyAsync"/>), never waits for
/// a receiver.
/// </summary>
public interface IWebhookGrain : IGrainWithStringKey
{
    /// <summary>Creates or replaces a webhook. A new one gets a generated secret, shown in this answer only.</summary>
    /// <exception cref="Common.ValidationFailedException">The definition is invalid.</exception>
    /// <exception cref="Common.ResourceConflictException">The tenant has <see cref="WebhookLimits.MaxWebhooksPerTenant"/> webhooks already.</exception>
    Task<WebhookSaved> PutAsync(string webhookId, WebhookDefinition definition, CancellationToken cancellationToken = default);

    /// <exception cref="Common.ResourceNotFoundException">No such webhook.</exception>
    [AlwaysInterleave]
    Task<WebhookView> GetAsync(string webhookId, CancellationToken cancellationToken = default);

    [AlwaysInterleave]
    Task<IReadOnlyList<WebhookView>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes a webhook with its queued deliveries and its delivery log.</summary>
    /// <exception cref="Common.ResourceNotFoundException">No such webhook.</exception>
    Task DeleteAsync(string webhookId, CancellationToken cancellationToken = default);

    /// <summary>Replaces the secret; the new one is in this answer only. Queued deliveries are signed with it.</summary>
    /// <exception cref="Common.ResourceNotFoundException">No such webhook.</exception>
    Task<WebhookSaved> RotateSecretAsync(string webhookId, CancellationToken cancellationToken = default);

    /// <summary>The newest deliveries of one webhook first, at most <paramref name="limit"/> (1-<see cref="WebhookLimits.MaxLoggedDeliveries"/>).</summary>
    /// <exception cref="Common.ResourceNotFoundException">No such webhook.</exception>
    [AlwaysInterleave]
    Task<IReadOnlyList<WebhookDelivery>> GetDeliveriesAsync(string webhookId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Queues a delivery to every enabled webhook that wants this incident change; returns once they are durable.</summary>
    Task NotifyAsync(IncidentNotice notice, CancellationToken cancellationToken = default);
}
