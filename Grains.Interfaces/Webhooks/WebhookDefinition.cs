using Glance.Grains.Interfaces.Monitoring;
namespace Glance.Grains.Interfaces.Webhooks;

/// <summary>A webhook as a broadcaster writes it; empty filters want everything.</summary>
/// <param name="Url">Where deliveries are POSTed: https (http only to networks the operator allow-lists).</param>
/// <param name="Events">Event types wanted (<see cref="WebhookEventTypes"/>); null or empty: all.</param>
/// <param name="Checks">Checks whose incidents are wanted; null or empty: all.</param>
/// <param name="EventIds">The tenant's events whose incidents are wanted; null or empty: all.</param>
/// <param name="Enabled">A disabled webhook keeps its log and secret and is sent nothing; null: enabled.</param>
[GenerateSerializer, Immutable, Alias("glance.webhooks.definition")]
public sealed record WebhookDefinition(
    [property: Id(0)] string? Url,
    [property: Id(1)] IReadOnlyList<string>? Events = null,
    [property: Id(2)] IReadOnlyList<MonitoringCheck>? Checks = null,
    [property: Id(3)] IReadOnlyList<string>? EventIds = null,
    [property: Id(4)] bool? Enabled = null,
    [property: Id(5)] string? Description = null);
