namespace Glance.Media.Hls;

/// <summary>A segment the cursor handed over: its media sequence number and absolute URI.</summary>
public sealed record SeenSegment(long Sequence, string Uri);
