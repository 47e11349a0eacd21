namespace Glance.Media.Hls;

/// <summary>A cue taken from an EXT-X-DATERANGE, waiting to be placed on a segment once all segments are known.</summary>
/// <param name="At">The instant the cue takes effect, or null when the date range has no usable date.</param>
/// <param name="FollowingSegment">Index of the segment that followed the tag in the playlist (the fallback place).</param>
internal readonly record struct DateRangeCue(Cue Cue, DateTimeOffset? At, int FollowingSegment, int Line);
