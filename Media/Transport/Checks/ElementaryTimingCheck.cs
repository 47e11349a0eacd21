namespace Glance.Media.Transport.Checks;

/// <summary>
/// TR 101 290 1.6 PID_error and 2.5 PTS_error, for the video and audio PIDs a PMT lists (data, subtitle and SCTE-35 PIDs
/// are legitimately sparse, TR 101 290's note on 1.6): the PID must occur at least every PID timeout, and carry a PTS at
/// least every PTS repetition limit. Also keeps each PID's PTS figures for the segment report.
/// </summary>
internal sealed class ElementaryTimingCheck(TransportContext context)
{
    private readonly long pidTimeout = StreamClock.To27MHz(context.Options.PidTimeout);
    private readonly long ptsLimit = StreamClock.To27MHz(context.Options.PtsRepetitionLimit);

    /// <summary>A PES packet starts on <paramref name="pid"/>: its PTS, if it has one, is noted and returned.</summary>
    public long? OnPesStart(ref PidState pid, ReadOnlySpan<byte> payload)
    {
        if (PesHeader.Pts(payload) is not { } pts)
        {
            return null;
        }

        pid.Pts.Set(context.Clock.Now, context.PacketPosition);
        pid.HasPts = true;
        if (pid.SegmentPtsCount == 0)
        {
            pid.FirstPts = pid.MinPts = pid.MaxPts = pts;
        }
        else
        {
            pid.MinPts = Math.Min(pid.MinPts, pts);
            pid.MaxPts = Math.Max(pid.MaxPts, pts);
        }

        pid.LastPts = pts;
        pid.SegmentPtsCount++;
        context.Clock.NotePts(pts);
        return pts;
    }

    /// <summary>The PID and PTS timers of one PID under timing checks.</summary>
    public void OnTick(ref PidState pid, in ClockTick tick)
    {
        if ((pid.Roles & PidRoles.AudioVideo) == 0)
        {
            return;
        }

        if (tick.Overdue(ref pid.Seen, pidTimeout))
        {
            context.Record(TransportCheck.Pid);
        }

        if (pid.HasPts && tick.Overdue(ref pid.Pts, ptsLimit))
        {
            context.Record(TransportCheck.Pts);
        }
    }

    /// <summary>The stream does not continue: the PID and PTS timers restart where the next segment begins.</summary>
    public void Restart(ref PidState pid)
    {
        pid.Seen.Set(context.Clock.Now, context.SegmentBase);
        pid.Pts.Set(context.Clock.Now, context.SegmentBase);
    }
}
