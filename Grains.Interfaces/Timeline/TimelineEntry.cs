namespace Glance.Grains.Interfaces.Timeline;

/// <summary>One analysed frame on the timeline, with what was seen in it.</summary>
[GenerateSerializer, Immutable]
public sealed record TimelineEntry(double Position, DateTimeOffset? WallClock, int Epoch, long Sequence, int Frame, IReadOnlyList<Sighting> Sightings);

/// <param name="Next">The position (ms) to pass as the next page's start; null on the last page.</param>
[GenerateSerializer, Immutable]
public sealed record TimelinePage(IReadOnlyList<TimelineEntry> Entries, long? Next);
