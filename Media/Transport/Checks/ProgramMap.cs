namespace Glance.Media.Transport.Checks;

/// <summary>
/// What the PAT and PMTs say: which PIDs are PMTs, which carry video, audio, other PES, sections or SCTE-35, and which
/// PID's PCR is the clock. Only tables that passed their CRC reach it, each new version once.
/// </summary>
internal sealed class ProgramMap(TransportContext context)
{
    private const PidRoles ElementaryRoles = PidRoles.Elementary | PidRoles.Pes | PidRoles.AudioVideo | PidRoles.Video | PidRoles.Scte35;

    // Elementary PIDs per program, keyed by (PMT PID << 16 | program_number): programs may share a PMT PID.
    private readonly Dictionary<int, int[]> elementaryByProgram = [];

    /// <summary>Whether any PMT listed a video stream (cues then take their time from video PTS only).</summary>
    public bool HasVideo { get; private set; }

    public void ApplyPat(ReadOnlySpan<byte> section)
    {
        // table header (8 bytes), then 4 bytes per program, then CRC_32.
        if (section.Length < 12)
        {
            return;
        }

        var pids = context.Pids;
        var complete = section[6] == 0 && section[7] == 0;
        pids.TimingChanged();
        var listed = new HashSet<int>();
        for (var i = 8; i + 4 <= section.Length - 4; i += 4)
        {
            var program = (section[i] << 8) | section[i + 1];
            var pmtPid = ((section[i + 2] & 0x1F) << 8) | section[i + 3];
            if (program != 0 && pmtPid != PidTable.NullPid)
            {
                listed.Add(pmtPid);
            }
        }

        if (complete)
        {
            for (var i = 0; i < pids.Count; i++)
            {
                if ((pids[i].Roles & PidRoles.Pmt) != 0 && !listed.Contains(pids[i].Pid))
                {
                    ForgetProgramsOf(i);
                }
            }
        }

        foreach (var pmtPid in listed)
        {
            ref var s = ref pids[pids.GetOrAdd(pmtPid)];
            if ((s.Roles & PidRoles.Pmt) == 0)
            {
                s.Roles |= PidRoles.Pmt;
                s.Sections ??= new SectionAssembler();
                s.Table.Set(context.Clock.Now, context.PacketPosition);
            }
        }
    }

    public void ApplyPmt(int pmtPid, ReadOnlySpan<byte> section)
    {
        if (section.Length < 16)
        {
            return;
        }

        var pids = context.Pids;
        pids.TimingChanged();
        var pcrPid = ((section[8] & 0x1F) << 8) | section[9];
        var elementary = ProgramMapTable.ElementaryStreams(section).Where(e => e.Pid != PidTable.NullPid).ToList();

        var programKey = (pmtPid << 16) | (section[3] << 8) | section[4];
        var listed = elementary.Select(e => e.Pid).ToArray();
        if (elementaryByProgram.TryGetValue(programKey, out var previous))
        {
            ClearElementary(previous, keep: listed);
        }

        elementaryByProgram[programKey] = listed;
        foreach (var (esPid, streamType) in elementary)
        {
            var roles = RolesOf(streamType);
            if ((roles & PidRoles.Video) != 0)
            {
                HasVideo = true;
            }

            ref var s = ref pids[pids.GetOrAdd(esPid)];
            if ((s.Roles & PidRoles.AudioVideo) == 0 && (roles & PidRoles.AudioVideo) != 0)
            {
                s.Seen.Set(context.Clock.Now, context.PacketPosition);
            }

            s.Roles = (s.Roles & ~ElementaryRoles) | roles;
            s.StreamType = (byte)streamType;
            s.HasStreamType = true;
            if ((roles & PidRoles.Scte35) != 0)
            {
                s.Sections ??= new SectionAssembler();
            }
        }

        var clock = context.Clock;
        if (pcrPid != PidTable.NullPid && (clock.ProgramKey < 0 || clock.ProgramKey == programKey))
        {
            clock.ProgramKey = programKey;
            clock.UsePid(pcrPid);
        }
    }

    private static PidRoles RolesOf(int streamType)
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
        }
        else if (StreamTypes.IsAudio(streamType))
        {
            roles |= PidRoles.AudioVideo;
        }

        return roles;
    }

    /// <summary>A complete PAT no longer lists this PMT PID: it and its programs' elementary PIDs lose their roles.</summary>
    private void ForgetProgramsOf(int slot)
    {
        ref var s = ref context.Pids[slot];
        var removed = s.Pid;
        s.Roles &= ~PidRoles.Pmt;
        s.Sections?.ForgetGood();
        foreach (var key in elementaryByProgram.Keys.Where(k => k >> 16 == removed).ToList())
        {
            ClearElementary(elementaryByProgram[key], keep: []);
            elementaryByProgram.Remove(key);
            if (context.Clock.ProgramKey == key)
            {
                context.Clock.ProgramKey = -1;
            }
        }
    }

    private void ClearElementary(int[] listed, int[] keep)
    {
        var pids = context.Pids;
        foreach (var pid in listed)
        {
            if (Array.IndexOf(keep, pid) >= 0)
            {
                continue;
            }

            var slot = pids.SlotOf(pid);
            if (slot >= 0)
            {
                pids[slot].Roles &= ~ElementaryRoles;
                pids[slot].HasPts = false;
            }
        }
    }
}
