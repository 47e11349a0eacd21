namespace Glance.Media.Transport.Checks;

/// <summary>What framing a segment found: packets handed on, bytes skipped while out of sync, bytes after the last packet.</summary>
internal readonly record struct FramedSegment(long Packets, long UnsyncedBytes, int TrailingBytes);
