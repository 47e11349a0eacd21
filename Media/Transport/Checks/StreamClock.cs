namespace Glance.Media.Transport.Checks;

/// <summary>
/// The analysis clock (27 MHz): a file has no arrival clock, so the PCR of one PID (the PCR_PID of the first PMT; before
/// a PMT, the first PID that carries a PCR) is the stream's time. It advances by each PCR step of 0..max step; a larger
/// or backward step re-bases it instead of counting as elapsed time.
/// </summary>
internal sealed class StreamClock(long maxStep)
{
    public const long PcrModulus = (1L << 33) * 300;

    private bool hasSample;
    private long lastPcr;

    /// <summary>The PID whose PCR drives the clock, -1 before one is known.</summary>
    public int Pid { get; private set; } = -1;

    /// <summary>The program (PMT PID &lt;&lt; 16 | program_number) whose PCR_PID is the clock PID, -1 when none.</summary>
    public int ProgramKey { get; set; } = -1;

    /// <summary>Whether a PCR has been seen at all: until then no timing check runs.</summary>
    public bool Started { get; private set; }

    /// <summary>The clock now, 27 MHz since the first PCR.</summary>
    public long Now { get; private set; }

    /// <summary>Stream byte position of the last clock PCR: the start of the next interpolation span.</summary>
    public long LastPosition { get; private set; }

    public bool HasPcrTime { get; private set; }

    /// <summary>The last clock PCR's base (90 kHz): what reports call stream time.</summary>
    public long PcrBase90k { get; private set; }

    public bool HasLastPts { get; private set; }

    public long LastPts90k { get; private set; }

    /// <summary>Stream time in seconds for an error report: the last PCR, else the last PTS, else unknown (NaN).</summary>
    public double Seconds => HasPcrTime ? PcrBase90k / 90_000.0 : HasLastPts ? LastPts90k / 90_000.0 : double.NaN;

    public void UsePid(int pid)
    {
        if (pid != Pid)
        {
            Pid = pid;
            // The clock continues from its value; the new PID's first PCR is its reference, not a step.
            hasSample = false;
        }
    }

    public void NotePts(long pts90k)
    {
        LastPts90k = pts90k;
        HasLastPts = true;
    }

    /// <summary>Takes a PCR of the clock PID; true with the tick when the timers must run (not at the very first PCR).</summary>
    public bool Advance(long pcr, long pcrBase, bool discontinuity, long position, out ClockTick tick)
    {
        long step = 0;
        if (hasSample && !discontinuity)
        {
            var delta = WrapPcrDelta(pcr - lastPcr);
            if (delta >= 0 && delta <= maxStep)
            {
                step = delta;
            }
        }

        tick = new ClockTick(Now, LastPosition, step, position - LastPosition, Now + step, position);
        Now += step;
        lastPcr = pcr;
        LastPosition = position;
        hasSample = true;
        PcrBase90k = pcrBase;
        HasPcrTime = true;
        if (!Started)
        {
            // Every timer still holds clock 0, the clock's value now: they all start at the first PCR.
            Started = true;
            return false;
        }

        return true;
    }

    /// <summary>The stream does not continue: the next PCR is a new reference, not a step.</summary>
    public void Restart(long position)
    {
        hasSample = false;
        LastPosition = position;
    }

    /// <summary>A PCR difference taken the short way round the 33-bit (x300) wrap.</summary>
    public static long WrapPcrDelta(long delta) =>
        delta < -PcrModulus / 2 ? delta + PcrModulus : delta > PcrModulus / 2 ? delta - PcrModulus : delta;

    public static long To27MHz(TimeSpan span) => span.Ticks * 27 / 10;
}
