namespace Glance.Media.Transport.Checks;

/// <summary>How often each TR 101 290 check failed in the current segment, and where and when it first did.</summary>
internal sealed class ErrorTally
{
    private static readonly int CheckCount = Enum.GetValues<TransportCheck>().Length;

    private readonly int[] counts = new int[CheckCount];
    private readonly long[] firstOffsets = new long[CheckCount];
    private readonly double[] firstTimes = new double[CheckCount];

    /// <param name="offset">Byte offset of the offending packet in the segment.</param>
    /// <param name="seconds">Stream time of the failure, <see cref="double.NaN"/> when the stream has not told it yet.</param>
    public void Record(TransportCheck check, long offset, double seconds)
    {
        var i = (int)check;
        if (counts[i]++ == 0)
        {
            firstOffsets[i] = offset;
            firstTimes[i] = seconds;
        }
    }

    public int Count(TransportCheck check) => counts[(int)check];

    public void Reset() => Array.Clear(counts);

    public TransportErrors ToErrors() => new(
        Result(TransportCheck.SyncLoss),
        Result(TransportCheck.SyncByte),
        Result(TransportCheck.Pat),
        Result(TransportCheck.Continuity),
        Result(TransportCheck.Pmt),
        Result(TransportCheck.Pid),
        Result(TransportCheck.Transport),
        Result(TransportCheck.Crc),
        Result(TransportCheck.PcrRepetition),
        Result(TransportCheck.PcrDiscontinuity),
        Result(TransportCheck.Pts));

    private TransportCheckResult Result(TransportCheck check)
    {
        var i = (int)check;
        return counts[i] == 0
            ? TransportCheckResult.None
            : new TransportCheckResult(counts[i], firstOffsets[i], double.IsNaN(firstTimes[i]) ? null : firstTimes[i]);
    }
}
