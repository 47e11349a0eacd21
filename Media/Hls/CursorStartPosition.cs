namespace Glance.Media.Hls;

public enum CursorStartPosition
{
    /// <summary>Near the live edge, as players start (see <see cref="SegmentCursorOptions.LiveEdgeTargetDurations"/>).</summary>
    LiveEdge,

    /// <summary>At the first segment still in the playlist.</summary>
    FirstInWindow,
}
