namespace Glance.Media.Transport.Checks;

/// <summary>
/// TR 101 290 2.3a PCR_repetition_error and 2.3b PCR_discontinuity_indicator_error, on the PCR values of each PID: a step
/// above the repetition limit (and no more than the clock step bound, beyond which it is a time-base jump) is a
/// repetition error; a backward step or one above the discontinuity limit without discontinuity_indicator is a
/// discontinuity error, so a real 150 ms gap counts as both, as it would on a live monitor.
/// </summary>
internal sealed class PcrCheck(TransportContext context)
{
    private readonly long repetitionLimit = StreamClock.To27MHz(context.Options.PcrRepetitionLimit);
    private readonly long discontinuityLimit = StreamClock.To27MHz(context.Options.PcrDiscontinuityLimit);
    private readonly long maxClockStep = StreamClock.To27MHz(context.Options.MaxClockStep);

    public void OnPcr(ref PidState pid, long pcr, bool discontinuityIndicator)
    {
        if (pid.HasPcr && !discontinuityIndicator)
        {
            var delta = StreamClock.WrapPcrDelta(pcr - pid.LastPcr);
            if (delta < 0 || delta > discontinuityLimit)
            {
                context.Record(TransportCheck.PcrDiscontinuity);
            }

            if (delta > repetitionLimit && delta <= maxClockStep)
            {
                context.Record(TransportCheck.PcrRepetition);
            }
        }

        pid.HasPcr = true;
        pid.LastPcr = pcr;
    }

    /// <summary>The stream does not continue: the PID's next PCR is a new reference.</summary>
    public static void Restart(ref PidState pid) => pid.HasPcr = false;
}
