namespace Glance.Grains.Timeline;

/// <summary>
/// How the timeline and statuses sit in the sorted-record store. A frame's sort key is its position in milliseconds
/// times 256 plus its index in the segment, so frames sort by position and a re-analysed frame lands on the same key.
/// </summary>
public static class TimelineKeys
{
    public const int FramesPerMillisecond = 256;

    public static string TimelinePartition(string eventKey) => "timeline/" + eventKey;

    public static string SegmentsPartition(string eventKey) => "segments/" + eventKey;

    public static long FrameKey(double position, int frameIndex) =>
        ((long)Math.Round(position * 1000) * FramesPerMillisecond) + (frameIndex & (FramesPerMillisecond - 1));

    public static long FromMilliseconds(long positionMs) => positionMs * FramesPerMillisecond;

    public static long ToMilliseconds(long sortKey) => Math.DivRem(sortKey, FramesPerMillisecond, out var remainder) - (remainder < 0 ? 1 : 0);
}
