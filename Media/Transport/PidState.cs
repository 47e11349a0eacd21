namespace Glance.Media.Transport;

/// <summary>Everything the analyzer remembers about one PID, from segment to segment. A struct in an array: no allocation per packet.</summary>
internal struct PidState
{
    public int Pid;
    public PidRoles Roles;
    public byte StreamType;
    public bool HasStreamType;

    public bool HasCc;
    public byte LastCc;
    public byte Duplicates;

    /// <summary>
    /// When the PID last occurred, when its last PMT section arrived, when its last PTS arrived: stream byte positions,
    /// turned into analysis clock values (27 MHz) at the next PCR by interpolation (see TransportStreamAnalyzer).
    /// </summary>
    public TimedEvent Seen;
    public TimedEvent Table;
    public TimedEvent Pts;
    public bool HasPts;

    public bool HasPcr;
    public long LastPcr;

    public SectionAssembler? Sections;

    // Per-segment figures, reset at the start of every segment.
    public long SegmentPackets;
    public int SegmentPtsCount;
    public long FirstPts;
    public long LastPts;
    public long MinPts;
    public long MaxPts;
}
