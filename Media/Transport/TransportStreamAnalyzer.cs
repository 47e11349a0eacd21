using Glance.Media.Transport.Checks;

namespace Glance.Media.Transport;

/// <summary>
/// ETSI TR 101 290 priority 1 and 2 checks over 188-byte MPEG-2 transport stream packets, in pure C#.
/// </summary>
/// <remarks>
/// <para>One analyzer per stream: feed its segments in order to <see cref="Analyze"/>; continuity counters, PSI, PCR and
/// PTS history, sync state and partial sections carry from one segment to the next. Call <see cref="MarkDiscontinuity"/>
/// before a segment that does not continue the previous one (a skipped segment, EXT-X-DISCONTINUITY). Not thread-safe.</para>
/// <para>Time: there is no arrival clock in a file, so the PCR of the clock PID (the PCR_PID of the first PMT; before a
/// PMT, the first PID that carries a PCR) is the stream clock. The repetition checks (PAT, PMT, PID, PTS) are evaluated at
/// every PCR of the clock PID; an occurrence between two PCRs gets the time interpolated from its byte position (the
/// arrival time model of ISO/IEC 13818-1), so a PAT inside a PCR gap keeps its true time. Until the first PCR no timing
/// check runs; a stream that never carries a PCR gets none. The clock advances by each PCR step of 0..<see cref="TransportAnalyzerOptions.MaxClockStep"/>;
/// a larger or backward step re-bases it instead of counting as elapsed time. A timing error is counted once per full
/// period without occurrence (a PAT missing for 1.2 s is two PAT errors) and its timer restarts where it fired.</para>
/// <para>PCR repetition and discontinuity are measured on the PCR values of each PID: a step above the repetition limit
/// (and no more than the clock step bound) is a repetition error; a backward step or one above 100 ms without
/// discontinuity_indicator is a discontinuity error, so a real 150 ms gap counts as both, as it would on a live monitor.</para>
/// <para>Packets with transport_error_indicator set are counted and otherwise analysed as received. A single corrupted
/// sync byte is taken as a bit error and the packet is analysed; when the next sync byte is corrupted too the packet is
/// dropped, and at the second consecutive one sync is lost and re-acquired (5 consecutive sync bytes) from the byte after
/// the first corrupted one. A packet whose continuity counter repeats is a duplicate: allowed once, its payload not
/// used twice (its bytes are not compared with the original's).</para>
/// <para>Each check family is a small type of its own in <c>Checks/</c> (sync, continuity, program tables and CRC, PCR,
/// elementary PID and PTS timing, SCTE-35 cues) over one shared <see cref="TransportContext"/>; this class is the one
/// packet loop that feeds them.</para>
/// <para>Scope: a PAT or PMT counts as present only with a correct CRC_32. PID_error and PTS_error apply to video and
/// audio PIDs; data, subtitle and SCTE-35 PIDs are legitimately sparse (TR 101 290's note on 1.6). A SCTE-35 section
/// with a bad CRC becomes a cue with an error, not a CRC_error (2.2 lists PSI/SI tables only).</para>
/// </remarks>
public sealed class TransportStreamAnalyzer
{
    public const int PacketSize = SyncCheck.PacketSize;

    private readonly TransportContext context;
    private readonly SyncCheck sync;
    private readonly ContinuityCheck continuity;
    private readonly PcrCheck pcr;
    private readonly ProgramTableCheck tables;
    private readonly ElementaryTimingCheck timing;
    private readonly CueCollector cues;

    public TransportStreamAnalyzer(TransportAnalyzerOptions? options = null)
    {
        options ??= new TransportAnalyzerOptions();
        options.Validate();
        context = new TransportContext(options);
        var map = new ProgramMap(context);
        sync = new SyncCheck(context);
        continuity = new ContinuityCheck(context);
        pcr = new PcrCheck(context);
        tables = new ProgramTableCheck(context, map);
        timing = new ElementaryTimingCheck(context);
        cues = new CueCollector(context, map);

        context.Pids.AddRoles(0x0000, PidRoles.Pat);
        foreach (var pid in (ReadOnlySpan<int>)[0x0001, 0x0010, 0x0011, 0x0012, 0x0014])
        {
            context.Pids.AddRoles(pid, PidRoles.Psi);
        }
    }

    /// <summary>Analyses the next segment of the stream. Never throws on any content.</summary>
    public TransportSegmentReport Analyze(ReadOnlySpan<byte> segment)
    {
        context.Errors.Reset();
        context.Pids.BeginSegment();
        cues.BeginSegment();
        tables.BeginSegment();

        var sink = new PacketSink(this);
        var framed = sync.Frame(segment, ref sink);
        context.SegmentBase += segment.Length;

        var clockPid = context.Clock.Pid;
        return new TransportSegmentReport(
            framed.Packets,
            context.Errors.ToErrors(),
            framed.UnsyncedBytes,
            framed.TrailingBytes,
            clockPid >= 0 ? clockPid : null,
            context.Pids.Summaries(),
            cues.EndSegment())
        {
            PatSections = tables.SegmentPats,
            PmtSections = tables.SegmentPmts,
        };
    }

    /// <summary>
    /// The next segment does not continue the previous one: forget continuity counters, PCR history and partial sections,
    /// and restart the repetition timers; PSI knowledge is kept.
    /// </summary>
    public void MarkDiscontinuity()
    {
        var pids = context.Pids;
        for (var i = 0; i < pids.Count; i++)
        {
            ref var s = ref pids[i];
            ContinuityCheck.Restart(ref s);
            PcrCheck.Restart(ref s);
            s.Sections?.Abort();
            tables.Restart(ref s);
            timing.Restart(ref s);
        }

        context.Clock.Restart(context.SegmentBase);
        tables.Restart();
        sync.Restart();
    }

    private void OnPacket(ReadOnlySpan<byte> packet)
    {
        var b1 = packet[1];
        var b3 = packet[3];
        if ((b1 & 0x80) != 0)
        {
            // 2.1 Transport_error: one header bit, the only check that needs no state.
            context.Record(TransportCheck.Transport);
        }

        var pid = ((b1 & 0x1F) << 8) | packet[2];
        if (pid == PidTable.NullPid)
        {
            return;
        }

        var pids = context.Pids;
        var slot = pids.SlotOf(pid);
        if (slot < 0)
        {
            slot = pids.Add(pid);
        }

        ref var st = ref pids[slot];
        st.SegmentPackets++;

        var adaptationControl = (b3 >> 4) & 3;
        var payloadStart = 4;
        var discontinuity = false;
        if ((adaptationControl & 2) != 0)
        {
            int adaptationLength = packet[4];
            payloadStart = 5 + adaptationLength;
            if (adaptationLength > 0)
            {
                int flags = packet[5];
                discontinuity = (flags & 0x80) != 0;
                if ((flags & 0x10) != 0 && adaptationLength >= 7)
                {
                    OnPcr(ref st, packet, discontinuity);
                }
            }
        }

        // After the PCR: a PCR on this PID first settles the timers, and this packet must not count as seen before it.
        st.Seen.Position = context.PacketPosition;
        var hasPayload = (adaptationControl & 1) != 0;
        var freshPayload = continuity.Accept(ref st, b3 & 0x0F, hasPayload, discontinuity);

        var roles = st.Roles;
        if (roles == PidRoles.None)
        {
            return;
        }

        var scrambled = (b3 & 0xC0) != 0;
        if (scrambled && (roles & (PidRoles.Pat | PidRoles.Pmt)) != 0)
        {
            tables.OnScrambled(roles);
        }

        if (!hasPayload || !freshPayload || payloadStart >= PacketSize || scrambled)
        {
            return;
        }

        var unitStart = (b1 & 0x40) != 0;
        if ((roles & PidRoles.Sections) != 0)
        {
            // A section may add PIDs (and so reallocate the PID table): st is not used after this call.
            var sink = new SectionSink(this, slot);
            st.Sections!.Feed(packet[payloadStart..], unitStart, ref sink);
        }
        else if (unitStart && (roles & PidRoles.Pes) != 0 && timing.OnPesStart(ref st, packet[payloadStart..]) is { } pts)
        {
            cues.OnPts(pts, roles);
        }
    }

    private void OnPcr(ref PidState st, ReadOnlySpan<byte> packet, bool discontinuity)
    {
        var pcrBase = ((long)packet[6] << 25) | ((long)packet[7] << 17) | ((long)packet[8] << 9) | ((long)packet[9] << 1) | ((long)packet[10] >> 7);
        var value = (pcrBase * 300) + (((packet[10] & 1) << 8) | packet[11]);
        pcr.OnPcr(ref st, value, discontinuity);

        var clock = context.Clock;
        if (clock.Pid < 0)
        {
            clock.UsePid(st.Pid);
        }

        if (st.Pid == clock.Pid && clock.Advance(value, pcrBase, discontinuity, context.PacketPosition, out var tick))
        {
            RunTimers(tick);
        }
    }

    /// <summary>Settles the times of what happened since the previous PCR, then fires every check whose period has run out.</summary>
    private void RunTimers(in ClockTick tick)
    {
        tables.OnTick(tick);
        var pids = context.Pids;
        foreach (var i in pids.TimedSlots())
        {
            ref var s = ref pids[i];
            tables.OnTick(ref s, tick);
            timing.OnTick(ref s, tick);
        }
    }

    private void OnSection(int slot, ReadOnlySpan<byte> section)
    {
        var pids = context.Pids;
        if ((pids[slot].Roles & PidRoles.Scte35) != 0)
        {
            cues.OnSection(pids[slot].Pid, section);
        }
        else
        {
            tables.OnSection(slot, section);
        }
    }

    private readonly struct PacketSink(TransportStreamAnalyzer analyzer) : IPacketSink
    {
        public void OnPacket(ReadOnlySpan<byte> packet) => analyzer.OnPacket(packet);
    }

    private readonly struct SectionSink(TransportStreamAnalyzer analyzer, int slot) : ISectionSink
    {
        public void OnSection(ReadOnlySpan<byte> section) => analyzer.OnSection(slot, section);
    }
}
