namespace Glance.Media.Scte35;

/// <summary>
/// Maps 33-bit 90 kHz presentation times (splice times, PTS) to stream time. Distances are taken the short way round
/// the 2^33 wrap (about 26.5 hours), so a cue just after a wrap maps correctly.
/// </summary>
public static class SpliceTimeMapping
{
    /// <summary>Signed seconds from <paramref name="fromPts"/> to <paramref name="toPts"/> on the 33-bit timeline.</summary>
    public static double SecondsBetween(long fromPts, long toPts)
    {
        var delta = (toPts - fromPts) & (SpliceTime.PtsModulus - 1);
        if (delta >= SpliceTime.PtsModulus / 2)
        {
            delta -= SpliceTime.PtsModulus;
        }

        return delta / 90_000.0;
    }

    /// <summary>
    /// Stream time of <paramref name="pts"/>, given one known pair: the PTS <paramref name="referencePts"/> is at
    /// <paramref name="referenceStreamTime"/> seconds (for example the first frame of a segment and the segment's start).
    /// </summary>
    public static double ToStreamTime(long pts, long referencePts, double referenceStreamTime) =>
        referenceStreamTime + SecondsBetween(referencePts, pts);
}
