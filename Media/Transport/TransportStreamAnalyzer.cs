using Glance.Media.Scte35;

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
/// <para>Scope: a PAT or PMT counts as present only with a correct CRC_32. PID_error and PTS_error apply to video and
/// audio PIDs; data, subtitle and SCTE-35 PIDs are legitimately sparse (TR 101 290's note on 1.6). A SCTE-35 section
/// with a bad CRC becomes a cue with an error, not a CRC_error (2.2 lists PSI/SI tables only).</para>
/// </remarks>
public sealed class TransportStreamAnalyzer
{
    public const int PacketSize = 188;
    private const byte SyncByteValue = 0x47;
    private const int NullPid = 0x1FFF;
    private const long PcrModulus = (1L << 33) * 300;
    private const int CheckCount = 11;

    /// <summary>PIDs under timing checks (PMT, video, audio); a hostile PSI cannot make every PCR cost 8192 checks.</summary>
    private const int MaxTimedPids = 256;
    private const PidRoles ElementaryRoles = PidRoles.Elementary | PidRoles.Pes | PidRoles.AudioVideo | PidRoles.Video | PidRoles.Scte35;

    private readonly TransportAnalyzerOptions options;
    private readonly long pcrRepetitionLimit;
    private readonly long pcrDiscontinuityLimit;
    private readonly long patInterval;
    private readonly long pmtInterval;
    private readonly long pidTimeout;
    private readonly long ptsLimit;
    private readonly long maxClockStep;

    private readonly short[] slotByPid = new short[8192];
    private PidState[] slots = new PidState[16];
    private int slotCount;

    private bool inSync;
    private int badSyncRun;

    private int clockPid = -1;
    private int clockProgramKey = -1;
    private bool hasClock;
    private bool hasClockSample;
    private long lastClockPcr;
    private long clock;
    private long pcrBase90k;
    private bool hasPcrTime;
    private long lastPts90k;
    private bool hasLastPts;
    private bool streamHasVideo;

    private TimedEvent lastPat;
    private long lastClockPosition;
    private long streamBase;
    private long packetPosition;
    // Elementary PIDs per program, keyed by (PMT PID << 16 | program_number): programs may share a PMT PID.
    private readonly Dictionary<int, int[]> elementaryByProgram = [];

    private readonly int[] counts = new int[CheckCount];
    private readonly long[] firstOffsets = new long[CheckCount];
    private readonly double[] firstTimes = new double[CheckCount];
    private long packetOffset;
    private readonly List<int> timedSlots = [];
    private bool timedSlotsStale = true;
    private readonly List<TransportCue> cues = [];
    private readonly List<int> pendingCues = [];

    public TransportStreamAnalyzer(TransportAnalyzerOptions? options = null)
    {
        this.options = options ?? new TransportAnalyzerOptions();
        this.options.Validate();
        pcrRepetitionLimit = To27MHz(this.options.PcrRepetitionLimit);
        pcrDiscontinuityLimit = To27MHz(this.options.PcrDiscontinuityLimit);
        patInterval = To27MHz(this.options.PatInterval);
        pmtInterval = To27MHz(this.options.PmtInterval);
        pidTimeout = To27MHz(this.options.PidTimeout);
        ptsLimit = To27MHz(this.options.PtsRepetitionLimit);
        maxClockStep = To27MHz(this.options.MaxClockStep);

        AddRoles(0x0000, PidRoles.Pat);
        foreach (var pid in (ReadOnlySpan<int>)[0x0001, 0x0010, 0x0011, 0x0012, 0x0014])
        {
            AddRoles(pid, PidRoles.Psi);
        }
    }

    /// <summary>Analyses the next segment of the stream. Never throws on any content.</summary>
    public TransportSegmentReport Analyze(ReadOnlySpan<byte> segment)
    {
        BeginSegment();
        long packets = 0;
        long unsynced = 0;
        var trailing = 0;
        var position = 0;
        var length = segment.Length;
        while (true)
        {
            if (!inSync)
            {
                var found = FindSync(segment, position);
                if (found < 0)
                {
                    unsynced += length - position;
                    break;
                }

                unsynced += found - position;
                position = found;
                inSync = true;
                badSyncRun = 0;
            }

            if (length - position < PacketSize)
            {
                trailing = length - position;
                break;
            }

            packetOffset = position;
            packetPosition = streamBase + position;
            if (segment[position] != SyncByteValue)
            {
                Record(TransportCheck.SyncByte);
                badSyncRun++;
                if (badSyncRun >= options.SyncLossPackets)
                {
                    Record(TransportCheck.SyncLoss);
                    inSync = false;
                    var runStart = position - ((badSyncRun - 1) * PacketSize);
                    badSyncRun = 0;
                    position = Math.Max(runStart + 1, 0);
                    continue;
                }

                var next = position + PacketSize;
                if (next < length && segment[next] != SyncByteValue)
                {
                    // The next sync byte is wrong too: alignment is lost, this is no packet.
                    position = next;
                    continue;
                }
            }
            else
            {
                badSyncRun = 0;
            }

            packets++;
            ProcessPacket(segment.Slice(position, PacketSize));
            position += PacketSize;
        }

        streamBase += length;
        return EndSegment(packets, unsynced, trailing);
    }

    /// <summary>
    /// The next segment does not continue the previous one: forget continuity counters, PCR history and partial sections,
    /// and restart the repetition timers; PSI knowledge is kept.
    /// </summary>
    public void MarkDiscontinuity()
    {
        for (var i = 0; i < slotCount; i++)
        {
            ref var s = ref slots[i];
            s.HasCc = false;
            s.Duplicates = 0;
            s.HasPcr = false;
            s.Sections?.Abort();
            s.Seen.Set(clock, streamBase);
            s.Table.Set(clock, streamBase);
            s.Pts.Set(clock, streamBase);
        }

        hasClockSample = false;
        lastClockPosition = streamBase;
        lastPat.Set(clock, streamBase);
        badSyncRun = 0;
    }

    private void ProcessPacket(ReadOnlySpan<byte> packet)
    {
        var b1 = packet[1];
        var b3 = packet[3];
        if ((b1 & 0x80) != 0)
        {
            Record(TransportCheck.Transport);
        }

        var pid = ((b1 & 0x1F) << 8) | packet[2];
        if (pid == NullPid)
        {
            return;
        }

        var slotIndex = slotByPid[pid] - 1;
        if (slotIndex < 0)
        {
            slotIndex = AddSlot(pid);
        }

        ref var st = ref slots[slotIndex];
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
        st.Seen.Position = packetPosition;
        var continuity = b3 & 0x0F;
        var freshPayload = true;
        if (!st.HasCc || discontinuity)
        {
            st.HasCc = true;
            st.Duplicates = 0;
        }
        else if ((adaptationControl & 1) == 0)
        {
            // No payload: the counter must not increment.
            if (continuity != st.LastCc)
            {
                ContinuityError(ref st);
            }
        }
        else if (continuity == st.LastCc)
        {
            freshPayload = false;
            if (++st.Duplicates > 1)
            {
                ContinuityError(ref st);
            }
        }
        else
        {
            if (continuity != ((st.LastCc + 1) & 0x0F))
            {
                ContinuityError(ref st);
            }

            st.Duplicates = 0;
        }

        st.LastCc = (byte)continuity;

        var roles = st.Roles;
        if (roles == PidRoles.None)
        {
            return;
        }

        var scrambled = (b3 & 0xC0) != 0;
        if (scrambled && (roles & (PidRoles.Pat | PidRoles.Pmt)) != 0)
        {
            Record((roles & PidRoles.Pat) != 0 ? TransportCheck.Pat : TransportCheck.Pmt);
        }

        if ((adaptationControl & 1) == 0 || !freshPayload || payloadStart >= PacketSize || scrambled)
        {
            return;
        }

        var unitStart = (b1 & 0x40) != 0;
        if ((roles & PidRoles.Sections) != 0)
        {
            // OnSection may add PIDs (and so reallocate the state array): st is not used after this call.
            var sink = new SectionSink(this, slotIndex);
            st.Sections!.Feed(packet[payloadStart..], unitStart, ref sink);
        }
        else if (unitStart && (roles & PidRoles.Pes) != 0)
        {
            OnPesStart(ref st, packet[payloadStart..]);
        }
    }

    private void ContinuityError(ref PidState st)
    {
        Record(TransportCheck.Continuity);
        st.Sections?.Abort();
    }

    private void OnPcr(ref PidState st, ReadOnlySpan<byte> packet, bool discontinuity)
    {
        var pcrBase = ((long)packet[6] << 25) | ((long)packet[7] << 17) | ((long)packet[8] << 9) | ((long)packet[9] << 1) | ((long)packet[10] >> 7);
        var pcr = (pcrBase * 300) + (((packet[10] & 1) << 8) | packet[11]);
        if (st.HasPcr && !discontinuity)
        {
            var delta = WrapPcrDelta(pcr - st.LastPcr);
            if (delta < 0 || delta > pcrDiscontinuityLimit)
            {
                Record(TransportCheck.PcrDiscontinuity);
            }

            if (delta > pcrRepetitionLimit && delta <= maxClockStep)
            {
                Record(TransportCheck.PcrRepetition);
            }
        }

        st.HasPcr = true;
        st.LastPcr = pcr;

        if (clockPid < 0)
        {
            SetClockPid(st.Pid);
        }

        if (st.Pid == clockPid)
        {
            AdvanceClock(pcr, pcrBase, discontinuity);
        }
    }

    private void AdvanceClock(long pcr, long pcrBase, bool discontinuity)
    {
        long step = 0;
        if (hasClockSample && !discontinuity)
        {
            var delta = WrapPcrDelta(pcr - lastClockPcr);
            if (delta >= 0 && delta <= maxClockStep)
            {
                step = delta;
            }
        }

        var fromClock = clock;
        var fromPosition = lastClockPosition;
        clock += step;
        lastClockPcr = pcr;
        lastClockPosition = packetPosition;
        hasClockSample = true;
        pcrBase90k = pcrBase;
        hasPcrTime = true;
        if (!hasClock)
        {
            // Every timer still holds clock 0, the clock's value now: they all start at the first PCR.
            hasClock = true;
            return;
        }

        RunDeadlines(fromClock, fromPosition, step, packetPosition - fromPosition);
    }

    /// <summary>Settles the times of what happened since the previous PCR, then fires every check whose period has run out.</summary>
    private void RunDeadlines(long fromClock, long fromPosition, long step, long span)
    {
        lastPat.Settle(fromClock, fromPosition, step, span);
        if (clock - lastPat.Clock > patInterval)
        {
            Record(TransportCheck.Pat);
            lastPat.Set(clock, packetPosition);
        }

        if (timedSlotsStale)
        {
            timedSlots.Clear();
            for (var i = 0; i < slotCount && timedSlots.Count < MaxTimedPids; i++)
            {
                if ((slots[i].Roles & (PidRoles.Pmt | PidRoles.AudioVideo)) != 0)
                {
                    timedSlots.Add(i);
                }
            }

            timedSlotsStale = false;
        }

        foreach (var i in timedSlots)
        {
            ref var s = ref slots[i];
            var roles = s.Roles;
            if ((roles & PidRoles.Pmt) != 0)
            {
                s.Table.Settle(fromClock, fromPosition, step, span);
                if (clock - s.Table.Clock > pmtInterval)
                {
                    Record(TransportCheck.Pmt);
                    s.Table.Set(clock, packetPosition);
                }
            }

            if ((roles & PidRoles.AudioVideo) != 0)
            {
                s.Seen.Settle(fromClock, fromPosition, step, span);
                if (clock - s.Seen.Clock > pidTimeout)
                {
                    Record(TransportCheck.Pid);
                    s.Seen.Set(clock, packetPosition);
                }

                if (s.HasPts)
                {
                    s.Pts.Settle(fromClock, fromPosition, step, span);
                    if (clock - s.Pts.Clock > ptsLimit)
                    {
                        Record(TransportCheck.Pts);
                        s.Pts.Set(clock, packetPosition);
                    }
                }
            }
        }
    }

    private void OnPesStart(ref PidState st, ReadOnlySpan<byte> payload)
    {
        if (PesHeader.Pts(payload) is not { } pts)
        {
            return;
        }

        st.Pts.Set(clock, packetPosition);
        st.HasPts = true;
        if (st.SegmentPtsCount == 0)
        {
            st.FirstPts = st.MinPts = st.MaxPts = pts;
        }
        else
        {
            st.MinPts = Math.Min(st.MinPts, pts);
            st.MaxPts = Math.Max(st.MaxPts, pts);
        }

        st.LastPts = pts;
        st.SegmentPtsCount++;
        lastPts90k = pts;
        hasLastPts = true;

        if (pendingCues.Count > 0 && (!streamHasVideo || (st.Roles & PidRoles.Video) != 0))
        {
            foreach (var index in pendingCues)
            {
                cues[index] = cues[index] with { ArrivalPts = pts };
            }

            pendingCues.Clear();
        }
    }

    private void OnSection(int slotIndex, ReadOnlySpan<byte> section)
    {
        var roles = slots[slotIndex].Roles;
        var pid = slots[slotIndex].Pid;
        var assembler = slots[slotIndex].Sections!;
        var tableId = section[0];

        if ((roles & PidRoles.Scte35) != 0)
        {
            if (tableId == SpliceInfoSection.TableIdValue)
            {
                OnSpliceSection(pid, section);
            }

            return;
        }

        if ((roles & PidRoles.Pat) != 0)
        {
            if (tableId != 0x00)
            {
                Record(TransportCheck.Pat);
                return;
            }

            var state = CheckCrc(assembler, section);
            if (state == CrcState.Bad)
            {
                return;
            }

            lastPat.Set(clock, packetPosition);
            if (state == CrcState.NewGood)
            {
                ParsePat(section);
            }

            return;
        }

        var hasCrc = (section[1] & 0x80) != 0 || tableId == 0x73;
        if ((roles & PidRoles.Pmt) != 0 && tableId == 0x02)
        {
            var state = CheckCrc(assembler, section);
            if (state == CrcState.Bad)
            {
                return;
            }

            slots[slotIndex].Table.Set(clock, packetPosition);
            if (state == CrcState.NewGood)
            {
                ParsePmt(pid, section);
            }

            return;
        }

        if (hasCrc && (roles & (PidRoles.Pmt | PidRoles.Psi)) != 0)
        {
            CheckCrc(assembler, section);
        }
    }

    private CrcState CheckCrc(SectionAssembler assembler, ReadOnlySpan<byte> section)
    {
        if (assembler.IsSameAsLastGood(section))
        {
            return CrcState.Same;
        }

        if (!Mpeg2Crc32.IsValidSection(section))
        {
            Record(TransportCheck.Crc);
            return CrcState.Bad;
        }

        assembler.RememberGood(section);
        return CrcState.NewGood;
    }

    private void ParsePat(ReadOnlySpan<byte> section)
    {
        // table header (8 bytes), then 4 bytes per program, then CRC_32.
        if (section.Length < 12)
        {
            return;
        }

        var complete = section[6] == 0 && section[7] == 0;
        timedSlotsStale = true;
        var listed = new HashSet<int>();
        for (var i = 8; i + 4 <= section.Length - 4; i += 4)
        {
            var program = (section[i] << 8) | section[i + 1];
            var pmtPid = ((section[i + 2] & 0x1F) << 8) | section[i + 3];
            if (program != 0 && pmtPid != NullPid)
            {
                listed.Add(pmtPid);
            }
        }

        if (complete)
        {
            for (var i = 0; i < slotCount; i++)
            {
                if ((slots[i].Roles & PidRoles.Pmt) != 0 && !listed.Contains(slots[i].Pid))
                {
                    var removed = slots[i].Pid;
                    slots[i].Roles &= ~PidRoles.Pmt;
                    slots[i].Sections?.ForgetGood();
                    foreach (var key in elementaryByProgram.Keys.Where(k => k >> 16 == removed).ToList())
                    {
                        ClearElementary(elementaryByProgram[key], keep: []);
                        elementaryByProgram.Remove(key);
                        if (clockProgramKey == key)
                        {
                            clockProgramKey = -1;
                        }
                    }
                }
            }
        }

        foreach (var pmtPid in listed)
        {
            var slot = GetOrAddSlot(pmtPid);
            ref var s = ref slots[slot];
            if ((s.Roles & PidRoles.Pmt) == 0)
            {
                s.Roles |= PidRoles.Pmt;
                s.Sections ??= new SectionAssembler();
                s.Table.Set(clock, packetPosition);
            }
        }
    }

    private void ParsePmt(int pmtPid, ReadOnlySpan<byte> section)
    {
        if (section.Length < 16)
        {
            return;
        }

        timedSlotsStale = true;
        var pcrPid = ((section[8] & 0x1F) << 8) | section[9];
        var elementary = ProgramMapTable.ElementaryStreams(section).Where(e => e.Pid != NullPid).ToList();

        var programKey = (pmtPid << 16) | (section[3] << 8) | section[4];
        var pids = elementary.Select(e => e.Pid).ToArray();
        if (elementaryByProgram.TryGetValue(programKey, out var previous))
        {
            ClearElementary(previous, keep: pids);
        }

        elementaryByProgram[programKey] = pids;
        foreach (var (esPid, streamType) in elementary)
        {
            var roles = PidRoles.Elementary;
            if (streamType == StreamTypes.Scte35)
            {
                roles |= PidRoles.Scte35;
            }
            else if (!StreamTypes.CarriesSections(streamType))
            {
                roles |= PidRoles.Pes;
            }

            if (StreamTypes.IsVideo(streamType))
            {
                roles |= PidRoles.AudioVideo | PidRoles.Video;
                streamHasVideo = true;
            }
            else if (StreamTypes.IsAudio(streamType))
            {
                roles |= PidRoles.AudioVideo;
            }

            var slot = GetOrAddSlot(esPid);
            ref var s = ref slots[slot];
            if ((s.Roles & PidRoles.AudioVideo) == 0 && (roles & PidRoles.AudioVideo) != 0)
            {
                s.Seen.Set(clock, packetPosition);
            }

            s.Roles = (s.Roles & ~ElementaryRoles) | roles;
            s.StreamType = (byte)streamType;
            s.HasStreamType = true;
            if ((roles & PidRoles.Scte35) != 0)
            {
                s.Sections ??= new SectionAssembler();
            }
        }

        if (pcrPid != NullPid && (clockProgramKey < 0 || clockProgramKey == programKey))
        {
            clockProgramKey = programKey;
            SetClockPid(pcrPid);
        }
    }

    private void ClearElementary(int[] pids, int[] keep)
    {
        foreach (var pid in pids)
        {
            if (Array.IndexOf(keep, pid) >= 0)
            {
                continue;
            }

            var slot = slotByPid[pid] - 1;
            if (slot >= 0)
            {
                slots[slot].Roles &= ~ElementaryRoles;
                slots[slot].HasPts = false;
            }
        }
    }

    private void SetClockPid(int pid)
    {
        if (pid != clockPid)
        {
            clockPid = pid;
            // The clock continues from its value; the new PID's first PCR is its reference, not a step.
            hasClockSample = false;
        }
    }

    private void OnSpliceSection(int pid, ReadOnlySpan<byte> section)
    {
        if (cues.Count >= options.MaxCuesPerSegment)
        {
            return;
        }

        SpliceInfoSection? decoded = null;
        string? error = null;
        try
        {
            decoded = Scte35Decoder.Decode(section);
        }
        catch (Scte35FormatException e)
        {
            error = e.Message;
        }

        cues.Add(new TransportCue(pid, packetOffset, hasPcrTime ? pcrBase90k : null, decoded, error));
        pendingCues.Add(cues.Count - 1);
    }

    private int FindSync(ReadOnlySpan<byte> data, int from)
    {
        var p = from;
        while (p < data.Length)
        {
            var index = data[p..].IndexOf(SyncByteValue);
            if (index < 0)
            {
                return -1;
            }

            p += index;
            var available = (data.Length - p) / PacketSize;
            if (available == 0)
            {
                return -1;
            }

            // A segment that starts on a sync byte may be shorter than the acquisition run; elsewhere the full run is needed.
            var needed = p == 0 ? Math.Min(options.SyncAcquirePackets, available) : options.SyncAcquirePackets;
            if (needed <= available)
            {
                var ok = true;
                for (var k = 1; k < needed; k++)
                {
                    if (data[p + (k * PacketSize)] != SyncByteValue)
                    {
                        ok = false;
                        break;
                    }
                }

                if (ok)
                {
                    return p;
                }
            }

            p++;
        }

        return -1;
    }

    private void Record(TransportCheck check)
    {
        var i = (int)check;
        if (counts[i]++ == 0)
        {
            firstOffsets[i] = packetOffset;
            firstTimes[i] = hasPcrTime ? pcrBase90k / 90_000.0 : hasLastPts ? lastPts90k / 90_000.0 : double.NaN;
        }
    }

    private void BeginSegment()
    {
        Array.Clear(counts);
        cues.Clear();
        pendingCues.Clear();
        for (var i = 0; i < slotCount; i++)
        {
            slots[i].SegmentPackets = 0;
            slots[i].SegmentPtsCount = 0;
        }
    }

    private TransportSegmentReport EndSegment(long packets, long unsynced, int trailing)
    {
        TransportCheckResult Result(TransportCheck check)
        {
            var i = (int)check;
            return counts[i] == 0
                ? TransportCheckResult.None
                : new TransportCheckResult(counts[i], firstOffsets[i], double.IsNaN(firstTimes[i]) ? null : firstTimes[i]);
        }

        var errors = new TransportErrors(
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

        var pids = new List<PidSummary>();
        for (var i = 0; i < slotCount; i++)
        {
            ref var s = ref slots[i];
            if (s.SegmentPackets == 0)
            {
                continue;
            }

            var hasPts = s.SegmentPtsCount > 0;
            pids.Add(new PidSummary(
                s.Pid,
                KindOf(s.Roles),
                s.HasStreamType ? s.StreamType : null,
                s.SegmentPackets,
                s.SegmentPtsCount,
                hasPts ? s.FirstPts : null,
                hasPts ? s.LastPts : null,
                hasPts ? s.MinPts : null,
                hasPts ? s.MaxPts : null));
        }

        pids.Sort((a, b) => a.Pid.CompareTo(b.Pid));
        pendingCues.Clear();
        return new TransportSegmentReport(packets, errors, unsynced, trailing, clockPid >= 0 ? clockPid : null, pids, cues.ToArray());
    }

    private static PidKind KindOf(PidRoles roles) =>
        (roles & PidRoles.Pat) != 0 ? PidKind.Pat
        : (roles & PidRoles.Pmt) != 0 ? PidKind.Pmt
        : (roles & PidRoles.Psi) != 0 ? PidKind.Psi
        : (roles & PidRoles.Scte35) != 0 ? PidKind.Scte35
        : (roles & PidRoles.Video) != 0 ? PidKind.Video
        : (roles & PidRoles.AudioVideo) != 0 ? PidKind.Audio
        : (roles & PidRoles.Elementary) != 0 ? PidKind.OtherElementary
        : PidKind.Unreferenced;

    private int GetOrAddSlot(int pid)
    {
        var slot = slotByPid[pid] - 1;
        return slot >= 0 ? slot : AddSlot(pid);
    }

    private int AddSlot(int pid)
    {
        if (slotCount == slots.Length)
        {
            Array.Resize(ref slots, slots.Length * 2);
        }

        var index = slotCount++;
        slots[index] = new PidState { Pid = pid };
        slots[index].Seen.Set(clock, packetPosition);
        slots[index].Table.Set(clock, packetPosition);
        slots[index].Pts.Set(clock, packetPosition);
        slotByPid[pid] = (short)(index + 1);
        return index;
    }

    private void AddRoles(int pid, PidRoles roles)
    {
        ref var s = ref slots[GetOrAddSlot(pid)];
        s.Roles |= roles;
        if ((roles & PidRoles.Sections) != 0)
        {
            s.Sections ??= new SectionAssembler();
        }
    }

    private static long WrapPcrDelta(long delta) =>
        delta < -PcrModulus / 2 ? delta + PcrModulus : delta > PcrModulus / 2 ? delta - PcrModulus : delta;

    private static long To27MHz(TimeSpan span) => span.Ticks * 27 / 10;

    private enum CrcState
    {
        Bad,
        Same,
        NewGood,
    }

    private readonly struct SectionSink(TransportStreamAnalyzer analyzer, int slotIndex) : ISectionSink
    {
        public void OnSection(ReadOnlySpan<byte> section) => analyzer.OnSection(slotIndex, section);
    }
}
