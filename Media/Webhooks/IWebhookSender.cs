namespace Glance.Media.Webhooks;

/// <summary>Sends one signed webhook attempt; never throws for the receiver's failures, it reports them.</summary>
public interface IWebhookSender
{
    Task<WebhookResponse> SendAsync(WebhookPost post, CancellationToken cancellationToken);
}
