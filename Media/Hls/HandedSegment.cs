namespace Glance.Media.Hls;

/// <summary>A segment handed over by <see cref="SegmentCursor.Advance"/>, exactly once.</summary>
/// <param name="Epoch">The stream epoch it belongs to; it changes when the stream restarts.</param>
/// <param name="StartsDiscontinuity">
/// Its timeline does not continue the previously handed segment's: an EXT-X-DISCONTINUITY tag, or a discontinuity
/// sequence number that differs from the previous segment's (a discontinuity may have been in a gap).
/// </param>
public sealed record HandedSegment(MediaSegment Segment, int Epoch, bool StartsDiscontinuity)
{
    public long MediaSequence => Segment.MediaSequence;

    public long DiscontinuitySequence => Segment.DiscontinuitySequence;
}
