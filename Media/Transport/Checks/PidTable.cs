namespace Glance.Media.Transport.Checks;

/// <summary>
/// Every PID seen or listed, as <see cref="PidState"/> structs in one array indexed through a 8192-entry map: no
/// allocation per packet. Also keeps the list of PIDs under timing checks (PMT, video, audio), rebuilt when the PSI
/// changes.
/// </summary>
internal sealed class PidTable(TransportContext context)
{
    public const int NullPid = 0x1FFF;

    /// <summary>PIDs under timing checks; a hostile PSI cannot make every PCR cost 8192 checks.</summary>
    private const int MaxTimedPids = 256;

    private readonly short[] slotByPid = new short[8192];
    private readonly List<int> timedSlots = [];
    private PidState[] slots = new PidState[16];
    private bool timedSlotsStale = true;

    public int Count { get; private set; }

    public ref PidState this[int slot] => ref slots[slot];

    /// <summary>The slot of <paramref name="pid"/>, -1 when it has none yet.</summary>
    public int SlotOf(int pid) => slotByPid[pid] - 1;

    public int GetOrAdd(int pid)
    {
        var slot = slotByPid[pid] - 1;
        return slot >= 0 ? slot : Add(pid);
    }

    /// <summary>A new PID: its timers start now, so it is not overdue the moment it is listed.</summary>
    public int Add(int pid)
    {
        if (Count == slots.Length)
        {
            Array.Resize(ref slots, slots.Length * 2);
        }

        var index = Count++;
        var clock = context.Clock.Now;
        var position = context.PacketPosition;
        slots[index] = new PidState { Pid = pid };
        slots[index].Seen.Set(clock, position);
        slots[index].Table.Set(clock, position);
        slots[index].Pts.Set(clock, position);
        slotByPid[pid] = (short)(index + 1);
        return index;
    }

    public void AddRoles(int pid, PidRoles roles)
    {
        ref var s = ref slots[GetOrAdd(pid)];
        s.Roles |= roles;
        if ((roles & PidRoles.Sections) != 0)
        {
            s.Sections ??= new SectionAssembler();
        }
    }

    /// <summary>The PSI changed which PIDs are PMTs, video or audio.</summary>
    public void TimingChanged() => timedSlotsStale = true;

    /// <summary>Slots of the PMT, video and audio PIDs (at most <see cref="MaxTimedPids"/>).</summary>
    public List<int> TimedSlots()
    {
        if (timedSlotsStale)
        {
            timedSlots.Clear();
            for (var i = 0; i < Count && timedSlots.Count < MaxTimedPids; i++)
            {
                if ((slots[i].Roles & (PidRoles.Pmt | PidRoles.AudioVideo)) != 0)
                {
                    timedSlots.Add(i);
                }
            }

            timedSlotsStale = false;
        }

        return timedSlots;
    }

    public void BeginSegment()
    {
        for (var i = 0; i < Count; i++)
        {
            slots[i].SegmentPackets = 0;
            slots[i].SegmentPtsCount = 0;
        }
    }

    /// <summary>The PIDs that occurred in the segment, by PID.</summary>
    public List<PidSummary> Summaries()
    {
        var pids = new List<PidSummary>();
        for (var i = 0; i < Count; i++)
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
        return pids;
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
}
