using Glance.Grains.Interfaces.Ingest;
namespace Glance.Grains.Interfaces.Events;

/// <summary>An event as the API shows it.</summary>
[GenerateSerializer, Immutable]
public sealed record LiveEventView(
    string Id,
    LiveEventDefinition Definition,
    LiveEventState State,
    ManualOverride Override,
    string? FailureReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    StreamIngestStatus? Ingest);

/// <summary>One line of the tenant's event list.</summary>
[GenerateSerializer, Immutable]
public sealed record EventSummary(string Id, string Name, DateTimeOffset StartsAt, DateTimeOffset EndsAt, LiveEventState State);
