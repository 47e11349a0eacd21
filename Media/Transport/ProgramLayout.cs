namespace Glance.Media.Transport;

/// <summary>
/// What a rewriter needs to know of a stream's first program: its PMT PID and number, the PMT packets, its elementary
/// streams, every PID in use, and where the access units of its reference PID (video, else the first audio) start.
/// Pure: a read of the bytes given; a PSI section must start and end in one packet to be read.
/// </summary>
internal sealed record ProgramLayout(
    int PmtPid,
    int ProgramNumber,
    IReadOnlyList<int> PmtPackets,
    IReadOnlyList<(int Pid, int StreamType)> Streams,
    int PcrPid,
    IReadOnlySet<int> UsedPids,
    int? ReferencePid,
    IReadOnlyList<(int Packet, long Pts)> AccessUnits)
{
    private const int PacketSize = TransportStreamAnalyzer.PacketSize;
    private const int PmtTableId = 0x02;

    /// <exception cref="CueInsertionException">The bytes are not whole packets, or no PAT or PMT can be read.</exception>
    public static ProgramLayout Read(ReadOnlySpan<byte> stream)
    {
        if (stream.Length % PacketSize != 0)
        {
            throw new CueInsertionException($"{stream.Length} bytes is not a whole number of {PacketSize}-byte packets.");
        }

        var count = stream.Length / PacketSize;
        var used = new HashSet<int>();
        (int Pid, int Number)? program = null;
        for (var i = 0; i < count; i++)
        {
            var packet = Packet(stream, i);
            if (packet[0] != 0x47)
            {
                throw new CueInsertionException($"Packet {i} has no sync byte.");
            }

            used.Add(Pid(packet));
            if (program is null && Pid(packet) == 0 && Section(packet) is { Length: >= 12 } pat && pat[0] == 0x00 && Mpeg2Crc32.IsValidSection(pat))
            {
                for (var at = 8; at + 4 <= pat.Length - 4; at += 4)
                {
                    var number = (pat[at] << 8) | pat[at + 1];
                    if (number != 0)
                    {
                        program = (((pat[at + 2] & 0x1F) << 8) | pat[at + 3], number);
                        break;
                    }
                }
            }
        }

        var (pmtPid, programNumber) = program ?? throw new CueInsertionException("No PAT with a program was found.");
        var pmtPackets = new List<int>();
        List<(int Pid, int StreamType)>? streams = null;
        var pcrPid = 0x1FFF;
        for (var i = 0; i < count; i++)
        {
            var packet = Packet(stream, i);
            if (Pid(packet) != pmtPid || Section(packet) is not { Length: >= 16 } pmt || pmt[0] != PmtTableId
                || ((pmt[3] << 8) | pmt[4]) != programNumber || !Mpeg2Crc32.IsValidSection(pmt))
            {
                continue;
            }

            pmtPackets.Add(i);
            if (streams is null)
            {
                pcrPid = ((pmt[8] & 0x1F) << 8) | pmt[9];
                streams = ProgramMapTable.ElementaryStreams(pmt);
            }
        }

        if (streams is null)
        {
            throw new CueInsertionException($"No PMT of program {programNumber} on PID 0x{pmtPid:X} was found whole in one packet.");
        }

        int? reference = streams.Where(s => StreamTypes.IsVideo(s.StreamType)).Select(s => (int?)s.Pid).FirstOrDefault()
            ?? streams.Where(s => StreamTypes.IsAudio(s.StreamType)).Select(s => (int?)s.Pid).FirstOrDefault();
        var units = new List<(int Packet, long Pts)>();
        for (var i = 0; reference is not null && i < count; i++)
        {
            var packet = Packet(stream, i);
            if (Pid(packet) == reference && (packet[1] & 0x40) != 0 && PesPts(packet) is { } pts)
            {
                units.Add((i, pts));
            }
        }

        return new ProgramLayout(pmtPid, programNumber, pmtPackets, streams, pcrPid, used, reference, units);
    }

    public static ReadOnlySpan<byte> Packet(ReadOnlySpan<byte> stream, int index) => stream.Slice(index * PacketSize, PacketSize);

    public static int Pid(ReadOnlySpan<byte> packet) => ((packet[1] & 0x1F) << 8) | packet[2];

    /// <summary>Where the payload starts, or -1 when the packet has none.</summary>
    public static int PayloadStart(ReadOnlySpan<byte> packet)
    {
        var control = (packet[3] >> 4) & 0x03;
        if ((control & 0x01) == 0)
        {
            return -1;
        }

        var start = (control & 0x02) != 0 ? 5 + packet[4] : 4;
        return start < PacketSize ? start : -1;
    }

    /// <summary>Offset in the packet of the section that starts in it (after pointer_field), or -1.</summary>
    public static int SectionStart(ReadOnlySpan<byte> packet)
    {
        var payload = PayloadStart(packet);
        if (payload < 0 || (packet[1] & 0x40) == 0)
        {
            return -1;
        }

        var start = payload + 1 + packet[payload];
        return start + 3 <= PacketSize ? start : -1;
    }

    /// <summary>The section that starts in this packet, when it also ends in it.</summary>
    private static byte[]? Section(ReadOnlySpan<byte> packet)
    {
        var start = SectionStart(packet);
        if (start < 0)
        {
            return null;
        }

        var length = 3 + (((packet[start + 1] & 0x0F) << 8) | packet[start + 2]);
        return start + length <= PacketSize ? packet.Slice(start, length).ToArray() : null;
    }

    private static long? PesPts(ReadOnlySpan<byte> packet) =>
        PayloadStart(packet) is var start and >= 0 ? PesHeader.Pts(packet[start..]) : null;
}
