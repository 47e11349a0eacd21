namespace Glance.Media.Frames;

/// <summary>
/// One frame sampled from a segment, with its exact presentation time and its place in the event.
/// </summary>
/// <param name="Index">Position of the frame among the frames sampled from its segment.</param>
/// <param name="Pts">Presentation timestamp in 90 kHz ticks as found in the stream (after unwrapping).</param>
/// <param name="StreamTime">Seconds since the event started.</param>
/// <param name="WallClock">Wall-clock time through PROGRAM-DATE-TIME, when the playlist carries it.</param>
public sealed record SampledFrame(int Index, long Pts, double StreamTime, DateTimeOffset? WallClock, RgbImage Image);
