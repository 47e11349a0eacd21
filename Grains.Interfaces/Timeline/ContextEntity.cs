namespace Glance.Grains.Interfaces.Timeline;

/// <summary>A distinct entity seen in a time window.</summary>
/// <param name="FirstSeen">Stream time (s) of its first sighting in the window.</param>
/// <param name="LastSeen">Stream time (s) of its last sighting in the window.</param>
/// <param name="Occurrences">Frames it was seen in.</param>
[GenerateSerializer, Immutable]
public sealed record ContextEntity(string Kind, string? Id, string Name, double FirstSeen, double LastSeen, int Occurrences, double MaxConfidence);

/// <summary>The answer to a viewer's "what is on screen around my position".</summary>
/// <param name="Version">Changes whenever the timeline changes: the base of the response's ETag.</param>
[GenerateSerializer, Immutable]
public sealed record ContextWindow(string EventId, double Position, double From, double To, IReadOnlyList<ContextEntity> Entities, long Version);
