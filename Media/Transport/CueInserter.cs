namespace Glance.Media.Transport;

/// <summary>
/// Carries sections (SCTE-35 cues) in an MPEG-2 transport stream that has no PID for them: declares a PID of stream type
/// 0x86 in every PMT of the first program, adds SCTE 35's "CUEI" registration descriptor to the program, and inserts
/// each section's packets in front of the access unit it belongs to. Pure: bytes in, bytes out.
/// </summary>
/// <remarks>
/// <para>Every PMT of a stream must be rewritten the same way, cue or not: a reader keeps the PSI it saw, and a PMT that
/// loses and regains a stream without a new version_number is an error. A PMT that lists a 0x86 stream already keeps it,
/// and its PID carries the sections.</para>
/// <para>A section goes before the first packet of the reference PID (the program's video, else its first audio) that
/// starts an access unit with a PTS at or after the section's time, and never before the first PMT (which declares its
/// PID); with no such access unit it goes at the end. The PMT must fit one packet with the 11 bytes added, as ffmpeg's
/// does.</para>
/// </remarks>
public static class CueInserter
{
    /// <summary>registration_descriptor (tag 5) with format_identifier "CUEI": SCTE 35 section 8.1 asks for it in the program_info loop.</summary>
    private static readonly byte[] Registration = [0x05, 0x04, (byte)'C', (byte)'U', (byte)'E', (byte)'I'];

    private const int PacketSize = TransportStreamAnalyzer.PacketSize;
    private const int PayloadSize = PacketSize - 4;
    private const long PtsMask = (1L << 33) - 1;
    private const int EntrySize = 5;
    private const int LowestFreePid = 0x20;
    private const int HighestPid = 0x1FFE;

    /// <summary>The earliest presentation time (90 kHz) of the reference PID's access units, or null when none starts in the stream.</summary>
    /// <exception cref="CueInsertionException">The bytes are not whole packets, or no PAT or PMT can be read.</exception>
    public static long? FirstPts(ReadOnlySpan<byte> stream)
    {
        var units = ProgramLayout.Read(stream).AccessUnits;
        if (units.Count == 0)
        {
            return null;
        }

        var first = units[0].Pts;
        return units.Select(u => u.Pts).MinBy(pts => Signed(pts - first));
    }

    /// <param name="stream">Whole 188-byte packets, such as one HLS segment.</param>
    /// <param name="sections">The sections and where they go; may be empty (the PMT is rewritten all the same).</param>
    /// <param name="continuityCounter">The continuity counter of the first inserted packet (0-15).</param>
    /// <param name="pid">The PID to declare; by default the first free one above the program's elementary PIDs.</param>
    /// <exception cref="CueInsertionException">The stream has no readable program, a PMT does not fit its packet with the additions, or <paramref name="pid"/> is taken.</exception>
    public static CueInsertion Insert(ReadOnlySpan<byte> stream, IReadOnlyList<TimedSection> sections, int continuityCounter = 0, int? pid = null)
    {
        ArgumentNullException.ThrowIfNull(sections);
        ArgumentOutOfRangeException.ThrowIfNegative(continuityCounter);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(continuityCounter, 15);
        foreach (var section in sections)
        {
            if (section.Section.Length is < 3 or > 4096)
            {
                throw new ArgumentException($"A section of {section.Section.Length} bytes cannot be carried.", nameof(sections));
            }
        }

        var layout = ProgramLayout.Read(stream);
        var declared = layout.Streams.Where(s => s.StreamType == StreamTypes.Scte35).Select(s => (int?)s.Pid).FirstOrDefault();
        var cuePid = declared ?? ChoosePid(layout, pid);
        var output = stream.ToArray();
        foreach (var index in layout.PmtPackets)
        {
            RewritePmt(output.AsSpan(index * PacketSize, PacketSize), declared is null ? cuePid : null);
        }

        var count = stream.Length / PacketSize;
        var placed = sections
            .Select((section, order) => (Section: section, Order: order, Before: PlaceOf(layout, section.Pts, count)))
            .OrderBy(p => p.Before).ThenBy(p => p.Order)
            .ToList();

        var result = new List<byte>(output.Length + (placed.Count * PacketSize * 2));
        var next = 0;
        var cc = continuityCounter;
        foreach (var p in placed)
        {
            result.AddRange(output.AsSpan(next * PacketSize, (p.Before - next) * PacketSize));
            next = p.Before;
            cc = Packetize(p.Section.Section, cuePid, cc, result);
        }

        result.AddRange(output.AsSpan(next * PacketSize));
        return new CueInsertion([.. result], cuePid, cc);
    }

    /// <summary>The index of the packet a section at <paramref name="pts"/> goes before: after the first PMT, at the access unit it belongs to.</summary>
    private static int PlaceOf(ProgramLayout layout, long pts, int count)
    {
        var before = count;
        foreach (var unit in layout.AccessUnits)
        {
            if (!IsBefore(unit.Pts, pts))
            {
                before = unit.Packet;
                break;
            }
        }

        return Math.Max(layout.PmtPackets[0] + 1, before);
    }

    private static int ChoosePid(ProgramLayout layout, int? wanted)
    {
        var taken = new HashSet<int>(layout.UsedPids) { layout.PcrPid, layout.PmtPid };
        taken.UnionWith(layout.Streams.Select(s => s.Pid));
        if (wanted is { } given)
        {
            return given is >= LowestFreePid and <= HighestPid && !taken.Contains(given)
                ? given
                : throw new CueInsertionException($"PID 0x{given:X} is reserved or already in use in this stream.");
        }

        // Deterministic for a given PMT, so every segment of a channel picks the same PID.
        var from = layout.Streams.Count == 0 ? 0x100 : layout.Streams.Max(s => s.Pid) + 1;
        foreach (var candidate in Enumerable.Range(from, Math.Max(0, HighestPid - from + 1)).Concat(Enumerable.Range(LowestFreePid, HighestPid - LowestFreePid + 1)))
        {
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }

        throw new CueInsertionException("Every PID is in use.");
    }

    /// <summary>Adds the registration descriptor (when missing) and, when <paramref name="addPid"/> is given, its 0x86 stream entry.</summary>
    private static void RewritePmt(Span<byte> packet, int? addPid)
    {
        var start = ProgramLayout.SectionStart(packet);
        var total = 3 + (((packet[start + 1] & 0x0F) << 8) | packet[start + 2]);
        var infoLength = ((packet[start + 10] & 0x0F) << 8) | packet[start + 11];
        var infoEnd = start + 12 + infoLength;
        var crcAt = start + total - 4;
        var register = !HasRegistration(packet[(start + 12)..infoEnd]);
        var added = (register ? Registration.Length : 0) + (addPid is null ? 0 : EntrySize);
        if (added == 0)
        {
            return;
        }

        if (start + total + added > PacketSize || packet[(start + total)..(start + total + added)].ContainsAnyExcept((byte)0xFF))
        {
            throw new CueInsertionException("The PMT does not leave room in its packet for the cue stream.");
        }

        var section = new List<byte>(total + added);
        section.AddRange(packet.Slice(start, 12));
        section.AddRange(packet[(start + 12)..infoEnd]);
        if (register)
        {
            section.AddRange(Registration);
        }

        section.AddRange(packet[infoEnd..crcAt]);
        if (addPid is { } pid)
        {
            // stream_type, reserved '111' and the PID, reserved '1111' and ES_info_length 0.
            section.AddRange([StreamTypes.Scte35, (byte)(0xE0 | (pid >> 8)), (byte)pid, 0xF0, 0x00]);
        }

        var sectionLength = section.Count + 4 - 3;
        var newInfoLength = infoLength + (register ? Registration.Length : 0);
        section[1] = (byte)((section[1] & 0xF0) | (sectionLength >> 8));
        section[2] = (byte)sectionLength;
        section[10] = (byte)((section[10] & 0xF0) | (newInfoLength >> 8));
        section[11] = (byte)newInfoLength;
        var crc = Mpeg2Crc32.Compute([.. section]);
        section.AddRange([(byte)(crc >> 24), (byte)(crc >> 16), (byte)(crc >> 8), (byte)crc]);
        section.ToArray().CopyTo(packet[start..]);
    }

    private static bool HasRegistration(ReadOnlySpan<byte> descriptors)
    {
        for (var at = 0; at + 2 <= descriptors.Length; at += 2 + descriptors[at + 1])
        {
            if (descriptors[at] == Registration[0] && descriptors[at + 1] >= 4 && at + 6 <= descriptors.Length && descriptors.Slice(at + 2, 4).SequenceEqual(Registration.AsSpan(2)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Writes the section's packets (pointer_field 0, stuffing after the section) and returns the next continuity counter.</summary>
    private static int Packetize(byte[] section, int pid, int cc, List<byte> output)
    {
        var payload = new byte[section.Length + 1];
        section.CopyTo(payload, 1);
        for (var offset = 0; offset < payload.Length; offset += PayloadSize)
        {
            var packet = new byte[PacketSize];
            Array.Fill(packet, (byte)0xFF);
            packet[0] = 0x47;
            packet[1] = (byte)((offset == 0 ? 0x40 : 0x00) | (pid >> 8));
            packet[2] = (byte)pid;
            packet[3] = (byte)(0x10 | cc); // payload only
            payload.AsSpan(offset, Math.Min(PayloadSize, payload.Length - offset)).CopyTo(packet.AsSpan(4));
            output.AddRange(packet);
            cc = (cc + 1) & 0x0F;
        }

        return cc;
    }

    /// <summary>True when <paramref name="pts"/> comes before <paramref name="target"/> on the 33-bit clock (within half its range).</summary>
    private static bool IsBefore(long pts, long target) => Signed(pts - target) < 0;

    private static long Signed(long difference)
    {
        var wrapped = difference & PtsMask;
        return wrapped >= 1L << 32 ? wrapped - (1L << 33) : wrapped;
    }
}
