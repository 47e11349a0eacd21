namespace Glance.Media.Transport.Checks;

/// <summary>
/// TR 101 290 1.3a PAT_error_2, 1.5a PMT_error_2 and 2.2 CRC_error: a PAT at least every PAT interval, only table 0x00
/// on PID 0, PID 0 never scrambled; each PMT the PAT lists at least every PMT interval and never scrambled; a correct
/// CRC_32 on PAT, PMT and the other PSI/SI sections. A PAT or PMT counts as present only with a correct CRC. Tables that
/// pass go on to the <see cref="ProgramMap"/>, each new version once.
/// </summary>
internal sealed class ProgramTableCheck(TransportContext context, ProgramMap map)
{
    private readonly long patInterval = StreamClock.To27MHz(context.Options.PatInterval);
    private readonly long pmtInterval = StreamClock.To27MHz(context.Options.PmtInterval);
    private TimedEvent lastPat;

    /// <summary>PAT sections with a correct CRC in the current segment (a repeated one counts each time).</summary>
    public int SegmentPats { get; private set; }

    /// <summary>PMT sections with a correct CRC in the current segment.</summary>
    public int SegmentPmts { get; private set; }

    public void BeginSegment()
    {
        SegmentPats = 0;
        SegmentPmts = 0;
    }

    private enum CrcState
    {
        Bad,
        Same,
        NewGood,
    }

    /// <summary>A scrambled packet on the PAT or a PMT PID: the table cannot be read.</summary>
    public void OnScrambled(PidRoles roles) =>
        context.Record((roles & PidRoles.Pat) != 0 ? TransportCheck.Pat : TransportCheck.Pmt);

    /// <summary>A whole section on a PSI PID (PAT, a PMT, or other PSI/SI).</summary>
    public void OnSection(int slot, ReadOnlySpan<byte> section)
    {
        // Applying a table may add PIDs and so move the slots: read what is needed first, hold no reference.
        var pids = context.Pids;
        var roles = pids[slot].Roles;
        var pid = pids[slot].Pid;
        var assembler = pids[slot].Sections!;
        var tableId = section[0];

        if ((roles & PidRoles.Pat) != 0)
        {
            if (tableId != 0x00)
            {
                context.Record(TransportCheck.Pat);
                return;
            }

            var state = CheckCrc(assembler, section);
            if (state == CrcState.Bad)
            {
                return;
            }

            lastPat.Set(context.Clock.Now, context.PacketPosition);
            SegmentPats++;
            if (state == CrcState.NewGood)
            {
                map.ApplyPat(section);
            }

            return;
        }

        if ((roles & PidRoles.Pmt) != 0 && tableId == 0x02)
        {
            var state = CheckCrc(assembler, section);
            if (state == CrcState.Bad)
            {
                return;
            }

            pids[slot].Table.Set(context.Clock.Now, context.PacketPosition);
            SegmentPmts++;
            if (state == CrcState.NewGood)
            {
                map.ApplyPmt(pid, section);
            }

            return;
        }

        var hasCrc = (section[1] & 0x80) != 0 || tableId == 0x73;
        if (hasCrc && (roles & (PidRoles.Pmt | PidRoles.Psi)) != 0)
        {
            CheckCrc(assembler, section);
        }
    }

    /// <summary>The PAT timer, at every advance of the clock.</summary>
    public void OnTick(in ClockTick tick)
    {
        if (tick.Overdue(ref lastPat, patInterval))
        {
            context.Record(TransportCheck.Pat);
        }
    }

    /// <summary>The PMT timer of one PID under timing checks.</summary>
    public void OnTick(ref PidState pid, in ClockTick tick)
    {
        if ((pid.Roles & PidRoles.Pmt) != 0 && tick.Overdue(ref pid.Table, pmtInterval))
        {
            context.Record(TransportCheck.Pmt);
        }
    }

    /// <summary>The stream does not continue: the PAT and PMT timers restart where the next segment begins.</summary>
    public void Restart(ref PidState pid) => pid.Table.Set(context.Clock.Now, context.SegmentBase);

    public void Restart() => lastPat.Set(context.Clock.Now, context.SegmentBase);

    private CrcState CheckCrc(SectionAssembler assembler, ReadOnlySpan<byte> section)
    {
        if (assembler.IsSameAsLastGood(section))
        {
            return CrcState.Same;
        }

        if (!Mpeg2Crc32.IsValidSection(section))
        {
            context.Record(TransportCheck.Crc);
            return CrcState.Bad;
        }

        assembler.RememberGood(section);
        return CrcState.NewGood;
    }
}
