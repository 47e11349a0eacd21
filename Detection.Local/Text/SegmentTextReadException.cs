namespace Glance.Detection.Local.Text;

/// <summary>Reading a segment's frames together failed; each frame's own read is tried instead.</summary>
public sealed class SegmentTextReadException(Exception inner)
    : Exception($"Reading the text of the segment's frames together failed: {inner.Message}", inner);
