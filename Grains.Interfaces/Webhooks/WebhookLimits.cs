namespace Glance.Grains.Interfaces.Webhooks;

/// <summary>Bounds on what a broadcaster registers and on what a tenant's webhook grain keeps.</summary>
public static class WebhookLimits
{
    public const int MaxWebhooksPerTenant = 10;

    public const int MaxUrlLength = 2048;

    public const int MaxEventIds = 50;

    public const int MaxDescriptionLength = 200;

    /// <summary>Deliveries each webhook's log keeps, the newest; the log endpoint's largest page.</summary>
    public const int MaxLoggedDeliveries = 100;

    /// <summary>A definition with every field at its longest stays far below this.</summary>
    public const int MaxBodyBytes = 16 * 1024;
}
