using System.Globalization;
using Glance.Media.Timing;

namespace Glance.Media.Frames;

/// <summary>
/// Builds the expression for ffmpeg's <c>select</c> filter that passes exactly the sampled frames, so only those are scaled,
/// converted to RGB and piped. It evaluates the <see cref="SegmentClock"/> rule on <c>start_pts</c> (the first frame's
/// timestamp, unknown until decoding starts) and the <see cref="SamplingGrid"/> rule on each frame's stream time.
/// </summary>
/// <remarks>
/// The first frame with a timestamp always passes: C# needs its timestamp to resolve the segment's timeline, and decides
/// itself whether that frame is a sample (it knows the previous segment's last frame; ffmpeg does not). Timestamps are in
/// 90 kHz ticks (the graph starts with <c>settb=1/90000</c>), all integers below 2^53, so the double arithmetic of ffmpeg's
/// evaluator is exact and agrees with the C# side to the tick.
/// </remarks>
public static class FrameSelectExpression
{
    public static string ForRate(SegmentClock clock, SamplingGrid grid)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(grid);
        var offset = $"({FirstStreamTicks(clock)}-start_pts)";
        var interval = Number(grid.IntervalTicks);
        return $"if(isnan(pts),0,if(isnan(prev_selected_pts),1,gt(floor((pts+{offset})/{interval}),floor((prev_pts+{offset})/{interval}))))";
    }

    /// <param name="keyframesBefore">Keyframes seen in earlier segments, so the count continues across segments.</param>
    public static string ForKeyframes(int step, long keyframesBefore)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        var phase = Number(keyframesBefore % step);
        return $"if(isnan(pts),0,if(isnan(prev_selected_pts),1,eq(mod(n+{phase},{Number(step)}),0)))";
    }

    /// <summary><see cref="SegmentClock.FirstStreamTicks"/> as an ffmpeg expression of <c>start_pts</c>.</summary>
    internal static string FirstStreamTicks(SegmentClock clock)
    {
        var fallback = Number(clock.FallbackStartTicks);
        if (clock.Reference is not { } reference)
        {
            return fallback;
        }

        var difference = $"(start_pts-{Number(reference.Pts)})";
        var distance = $"({difference}-{Number(Pts.WrapTicks)}*round({difference}/{Number(Pts.WrapTicks)}))";
        return $"if(between({distance},{Number(clock.MinDistanceTicks)},{Number(clock.MaxDistanceTicks)}),{Number(reference.StreamTicks)}+{distance},{fallback})";
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
