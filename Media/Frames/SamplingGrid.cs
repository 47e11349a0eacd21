using Glance.Media.Timing;

namespace Glance.Media.Frames;

/// <summary>
/// The sampling rule for <see cref="SamplingMode.Rate"/>. Sampling instants sit on a grid anchored on the event's timeline
/// (stream time 0, I, 2I, ... with I = round(90000 / fps) ticks), not on segment starts, so segments of 6.006 s do not drift.
/// For each instant the frame taken is the first frame presented at or after it: a frame is sampled when at least one
/// instant lies in (previous frame's stream time, this frame's stream time]. Its true timestamp is reported, not the
/// instant. A frame whose predecessor is unknown (first frame of the event, or after a gap) is judged against one nominal
/// frame duration before it.
/// </summary>
public sealed class SamplingGrid
{
    public SamplingGrid(double framesPerSecond)
    {
        if (!(framesPerSecond > 0 && framesPerSecond <= 120))
        {
            throw new ArgumentOutOfRangeException(nameof(framesPerSecond), framesPerSecond, "Sampling rate must be in (0, 120] frames per second.");
        }

        IntervalTicks = Math.Max(1, (long)Math.Round(Pts.TicksPerSecond / framesPerSecond, MidpointRounding.AwayFromZero));
    }

    /// <summary>Distance between sampling instants, in 90 kHz ticks.</summary>
    public long IntervalTicks { get; }

    /// <summary>Index of the last sampling instant at or before <paramref name="streamTicks"/>.</summary>
    public long Cell(long streamTicks) => Pts.FloorDiv(streamTicks, IntervalTicks);

    public bool IsSampled(long streamTicks, long previousStreamTicks) => Cell(streamTicks) > Cell(previousStreamTicks);

    /// <summary>
    /// Whether a segment's first frame is sampled. <paramref name="previousFrameStreamTicks"/> is the last frame of the previous
    /// segment (when the timeline continues); otherwise one <paramref name="nominalFrameTicks"/> before stands in for it, and
    /// when the frame rate is unknown too the frame is taken.
    /// </summary>
    public bool IsFirstFrameSampled(long streamTicks, long? previousFrameStreamTicks, long? nominalFrameTicks)
    {
        if (previousFrameStreamTicks is { } previous && previous < streamTicks)
        {
            return IsSampled(streamTicks, previous);
        }

        return nominalFrameTicks is not { } duration || duration <= 0 || IsSampled(streamTicks, streamTicks - duration);
    }

    /// <summary>Applies the rule to a whole sequence of frame stream times (presentation order); returns the sampled indexes.</summary>
    public List<int> Select(IReadOnlyList<long> streamTicks, long? previousFrameStreamTicks, long? nominalFrameTicks)
    {
        ArgumentNullException.ThrowIfNull(streamTicks);
        var sampled = new List<int>();
        for (var i = 0; i < streamTicks.Count; i++)
        {
            var take = i == 0
                ? IsFirstFrameSampled(streamTicks[0], previousFrameStreamTicks, nominalFrameTicks)
                : IsSampled(streamTicks[i], streamTicks[i - 1]);
            if (take)
            {
                sampled.Add(i);
            }
        }

        return sampled;
    }
}
