namespace Glance.Tests.Transport;

/// <summary>
/// Injects known faults into a clean transport stream, packet by packet: flipped bits, dropped and duplicated packets,
/// skewed continuity counters, removed PATs, moved PCRs. Each method changes exactly what its name says.
/// </summary>
internal sealed class TsCorrupter
{
    private readonly List<byte[]?> packets;
    private readonly Dictionary<int, List<byte[]>> insertedAfter = [];

    public TsCorrupter(byte[] clean)
    {
        if (clean.Length % 188 != 0)
        {
            throw new ArgumentException("The clean stream must be whole packets.", nameof(clean));
        }

        packets = Enumerable.Range(0, clean.Length / 188).Select(i => clean.AsSpan(i * 188, 188).ToArray()).ToList<byte[]?>();
    }

    public byte[] Packet(int index) => packets[index] ?? throw new InvalidOperationException($"Packet {index} was dropped.");

    public void FlipTransportErrorIndicator(int index) => Packet(index)[1] |= 0x80;

    public void CorruptSyncByte(int index) => Packet(index)[0] ^= 0x01;

    public void FlipBit(int index, int byteIndex, int bit) => Packet(index)[byteIndex] ^= (byte)(1 << bit);

    public void Drop(int index) => packets[index] = null;

    /// <summary>Replaces a packet by a null packet (PID 0x1FFF): the stream keeps its length and byte offsets.</summary>
    public void ReplaceWithNull(int index)
    {
        var nullPacket = new byte[188];
        Array.Fill(nullPacket, (byte)0xFF);
        nullPacket[0] = 0x47;
        nullPacket[1] = 0x1F;
        nullPacket[2] = 0xFF;
        nullPacket[3] = 0x10;
        packets[index] = nullPacket;
    }

    public void InsertAfter(int index, byte[] packet)
    {
        if (!insertedAfter.TryGetValue(index, out var list))
        {
            insertedAfter[index] = list = [];
        }

        list.Add((byte[])packet.Clone());
    }

    /// <summary>Adds <paramref name="by"/> to the continuity counter of every packet of <paramref name="pid"/> from <paramref name="fromIndex"/> on.</summary>
    public void SkewContinuity(int pid, int fromIndex, int by)
    {
        for (var i = fromIndex; i < packets.Count; i++)
        {
            if (packets[i] is { } p && (((p[1] & 0x1F) << 8) | p[2]) == pid)
            {
                p[3] = (byte)((p[3] & 0xF0) | ((p[3] + by) & 0x0F));
            }
        }
    }

    /// <summary>Removes PID <paramref name="pid"/> in a time window (packets become null packets) and renumbers its later
    /// continuity counters, so that only the absence shows, not a counter jump.</summary>
    public int RemovePid(int pid, IReadOnlyList<TsPacketInfo> info, double from, double to)
    {
        var removed = 0;
        foreach (var packet in info.Where(p => p.Pid == pid && p.Time >= from && p.Time < to))
        {
            ReplaceWithNull(packet.Index);
            removed++;
        }

        // Renumber the packets that are left as a continuous sequence (a clean stream renumbers to itself).
        int? last = null;
        foreach (var packet in info.Where(p => p.Pid == pid))
        {
            var p = packets[packet.Index];
            if (p is null || (((p[1] & 0x1F) << 8) | p[2]) != pid)
            {
                continue;
            }

            if (last is { } previous)
            {
                var cc = (p[3] & 0x10) != 0 ? (previous + 1) & 0x0F : previous;
                p[3] = (byte)((p[3] & 0xF0) | cc);
            }

            last = p[3] & 0x0F;
        }

        return removed;
    }

    public void SetPcr(int index, long pcr27MHz)
    {
        var p = Packet(index);
        var pcrBase = pcr27MHz / 300;
        var extension = pcr27MHz % 300;
        p[6] = (byte)(pcrBase >> 25);
        p[7] = (byte)(pcrBase >> 17);
        p[8] = (byte)(pcrBase >> 9);
        p[9] = (byte)(pcrBase >> 1);
        p[10] = (byte)(((pcrBase & 1) << 7) | 0x7E | (extension >> 8));
        p[11] = (byte)extension;
    }

    public static long ReadPcr(byte[] p)
    {
        var pcrBase = ((long)p[6] << 25) | ((long)p[7] << 17) | ((long)p[8] << 9) | ((long)p[9] << 1) | ((long)p[10] >> 7);
        return (pcrBase * 300) + (((p[10] & 1) << 8) | p[11]);
    }

    /// <summary>Clears the PCR flag: the packet no longer carries a PCR (its bytes become adaptation stuffing).</summary>
    public void RemovePcr(int index) => Packet(index)[5] &= 0xEF;

    public void SetDiscontinuityIndicator(int index)
    {
        var p = Packet(index);
        if ((p[3] & 0x20) == 0 || p[4] == 0)
        {
            throw new InvalidOperationException($"Packet {index} has no adaptation field flags byte.");
        }

        p[5] |= 0x80;
    }

    /// <summary>Turns the PTS of a PES header into "no PTS" (PTS_DTS_flags = 00); the header keeps its length.</summary>
    public void ClearPts(int index, int payloadOffset)
    {
        var p = Packet(index);
        p[payloadOffset + 7] &= 0x3F;
    }

    public byte[] Build()
    {
        var output = new List<byte>(packets.Count * 188);
        for (var i = 0; i < packets.Count; i++)
        {
            if (packets[i] is { } p)
            {
                output.AddRange(p);
            }

            if (insertedAfter.TryGetValue(i, out var list))
            {
                foreach (var extra in list)
                {
                    output.AddRange(extra);
                }
            }
        }

        return [.. output];
    }
}
