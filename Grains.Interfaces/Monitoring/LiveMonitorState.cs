namespace Glance.Grains.Interfaces.Monitoring;

/// <summary>Where an event's monitoring stands, for a live feed's first frame: a page that connects mid-event is not blank.</summary>
/// <param name="Segments">The newest checked segment, or the segments checked after the sequence a resuming client names (oldest first, bounded).</param>
/// <param name="OpenIncidents">Newest first, bounded.</param>
[GenerateSerializer, Immutable, Alias("glance.monitoring.live-state")]
public sealed record LiveMonitorState(string EventId, IReadOnlyList<LiveMonitorUpdate> Segments, IReadOnlyList<MonitoringIncident> OpenIncidents);
