namespace Glance.Media.Hls;

/// <summary>Media sequence numbers that left the playlist before the cursor saw them: lost to ingest.</summary>
public sealed record SegmentGap(long FirstMissing, long LastMissing)
{
    public long Count => LastMissing - FirstMissing + 1;
}
