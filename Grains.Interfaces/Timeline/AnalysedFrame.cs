namespace Glance.Grains.Interfaces.Timeline;

/// <param name="Index">Position among the frames sampled from its segment.</param>
/// <param name="Position">Stream time: seconds since the event started.</param>
/// <param name="WallClock">Through PROGRAM-DATE-TIME, when the playlist carries it.</param>
[GenerateSerializer, Immutable]
public sealed record AnalysedFrame(int Index, long Pts, double Position, DateTimeOffset? WallClock, IReadOnlyList<Sighting> Sightings);
