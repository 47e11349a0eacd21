namespace Glance.Media.Analysis;

/// <summary>
/// One fetched segment held in memory: MPEG-TS bytes, or an fMP4 media segment together with the initialization segment
/// named by its EXT-X-MAP. Both are fed to ffmpeg on stdin; nothing is written to disk.
/// </summary>
public sealed record SegmentMedia(ReadOnlyMemory<byte> Segment, ReadOnlyMemory<byte>? InitSegment = null)
{
    public int Length => Segment.Length + (InitSegment?.Length ?? 0);

    internal ReadOnlyMemory<byte> ToInput()
    {
        if (InitSegment is not { Length: > 0 } init)
        {
            return Segment;
        }

        var joined = new byte[init.Length + Segment.Length];
        init.CopyTo(joined);
        Segment.CopyTo(joined.AsMemory(init.Length));
        return joined;
    }
}
