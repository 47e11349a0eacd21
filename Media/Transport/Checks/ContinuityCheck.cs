namespace Glance.Media.Transport.Checks;

/// <summary>
/// TR 101 290 1.4 Continuity_count_error: a lost packet, packets out of order, a packet sent more than twice, or a
/// counter that moves on a packet without payload. A repeated counter is a duplicate: allowed once, and its payload is
/// not used twice (its bytes are not compared with the original's). An error aborts the PID's partial section.
/// </summary>
internal sealed class ContinuityCheck(TransportContext context)
{
    /// <summary>Checks one packet's counter; false when its payload duplicates the previous packet's and must be skipped.</summary>
    public bool Accept(ref PidState pid, int counter, bool hasPayload, bool discontinuityIndicator)
    {
        var freshPayload = true;
        if (!pid.HasCc || discontinuityIndicator)
        {
            pid.HasCc = true;
            pid.Duplicates = 0;
        }
        else if (!hasPayload)
        {
            if (counter != pid.LastCc)
            {
                Error(ref pid);
            }
        }
        else if (counter == pid.LastCc)
        {
            freshPayload = false;
            if (++pid.Duplicates > 1)
            {
                Error(ref pid);
            }
        }
        else
        {
            if (counter != ((pid.LastCc + 1) & 0x0F))
            {
                Error(ref pid);
            }

            pid.Duplicates = 0;
        }

        pid.LastCc = (byte)counter;
        return freshPayload;
    }

    /// <summary>The stream does not continue: the PID's next counter is a new start.</summary>
    public static void Restart(ref PidState pid)
    {
        pid.HasCc = false;
        pid.Duplicates = 0;
    }

    private void Error(ref PidState pid)
    {
        context.Record(TransportCheck.Continuity);
        pid.Sections?.Abort();
    }
}
