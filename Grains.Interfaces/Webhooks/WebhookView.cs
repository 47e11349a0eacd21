using Glance.Grains.Interfaces.Monitoring;
namespace Glance.Grains.Interfaces.Webhooks;

/// <summary>A webhook as it is read back: never its secret.</summary>
[GenerateSerializer, Immutable, Alias("glance.webhooks.view")]
public sealed record WebhookView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Url,
    [property: Id(2)] IReadOnlyList<string> Events,
    [property: Id(3)] IReadOnlyList<MonitoringCheck> Checks,
    [property: Id(4)] IReadOnlyList<string> EventIds,
    [property: Id(5)] bool Enabled,
    [property: Id(6)] string? Description,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] DateTimeOffset UpdatedAt,
    [property: Id(9)] DateTimeOffset SecretCreatedAt);
