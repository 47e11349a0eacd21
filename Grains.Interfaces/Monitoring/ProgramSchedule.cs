namespace Glance.Grains.Interfaces.Monitoring;

/// <summary>An event's schedule: programs in time order, contiguous, none overlapping.</summary>
/// <param name="Version">Counts the changes; 0 before the first.</param>
[GenerateSerializer, Immutable, Alias("glance.monitoring.program-schedule")]
public sealed record ProgramSchedule(string EventId, IReadOnlyList<ScheduledProgram> Programs, long Version, DateTimeOffset? UpdatedAt);
