namespace Glance.Grains.Interfaces.Engagement;

/// <summary>A stored instrument (normalized) with its id and history.</summary>
/// <param name="Revision">Grows by one with every change; starts again at 1 when a deleted instrument is created anew.</param>
[GenerateSerializer, Immutable]
public sealed record InstrumentView(string Id, InstrumentDefinition Definition, long Revision, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
