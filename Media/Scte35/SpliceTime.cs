namespace Glance.Media.Scte35;

/// <summary>
/// splice_time(): a 33-bit 90 kHz presentation time, when specified. <see cref="AdjustedPts"/> has the section's
/// pts_adjustment added modulo 2^33, which is the value to compare with the stream's PTS.
/// </summary>
public sealed record SpliceTime(bool TimeSpecified, long? PtsTime, long? AdjustedPts)
{
    public const long PtsModulus = 1L << 33;

    internal static SpliceTime Read(ref Scte35BitReader reader, long ptsAdjustment)
    {
        if (!reader.ReadFlag())
        {
            reader.Skip(7);
            return new SpliceTime(false, null, null);
        }

        reader.Skip(6);
        var pts = (long)reader.ReadBits(33);
        return new SpliceTime(true, pts, (pts + ptsAdjustment) & (PtsModulus - 1));
    }
}
