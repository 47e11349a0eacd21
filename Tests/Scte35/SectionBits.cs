using Glance.Media.Transport;

namespace Glance.Tests.Scte35;

/// <summary>A big-endian bit writer for building splice_info_sections the decoder has to read back.</summary>
internal sealed class SectionBits
{
    private readonly List<bool> bits = [];

    public int BitCount => bits.Count;

    public SectionBits Put(ulong value, int count)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            bits.Add(((value >> i) & 1) != 0);
        }

        return this;
    }

    public SectionBits Flag(bool value) => Put(value ? 1UL : 0UL, 1);

    public SectionBits Bytes(ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            Put(b, 8);
        }

        return this;
    }

    public byte[] ToArray()
    {
        if (bits.Count % 8 != 0)
        {
            throw new InvalidOperationException($"{bits.Count} bits is not a whole number of bytes.");
        }

        var result = new byte[bits.Count / 8];
        for (var i = 0; i < bits.Count; i++)
        {
            if (bits[i])
            {
                result[i / 8] |= (byte)(0x80 >> (i % 8));
            }
        }

        return result;
    }

    /// <summary>
    /// A complete splice_info_section: header, the command, the descriptor loop, and a correct CRC_32.
    /// </summary>
    public static byte[] Section(int commandType, byte[] command, byte[] descriptors, long ptsAdjustment = 0, int tier = 0xFFF, int? commandLength = null)
    {
        var body = new SectionBits()
            .Put(0, 8) // protocol_version
            .Flag(false).Put(0, 6) // encrypted_packet, encryption_algorithm
            .Put((ulong)ptsAdjustment, 33)
            .Put(0xFF, 8) // cw_index
            .Put((ulong)tier, 12)
            .Put((ulong)(commandLength ?? command.Length), 12)
            .Put((ulong)commandType, 8)
            .Bytes(command)
            .Put((ulong)descriptors.Length, 16)
            .Bytes(descriptors)
            .ToArray();
        var sectionLength = body.Length + 4;
        var header = new byte[] { 0xFC, (byte)(0x30 | (sectionLength >> 8)), (byte)sectionLength };
        var withoutCrc = header.Concat(body).ToArray();
        var crc = Mpeg2Crc32.Compute(withoutCrc);
        return [.. withoutCrc, (byte)(crc >> 24), (byte)(crc >> 16), (byte)(crc >> 8), (byte)crc];
    }

    public static SectionBits SpliceTime(SectionBits w, long? pts) =>
        pts is { } p ? w.Flag(true).Put(0x3F, 6).Put((ulong)p, 33) : w.Flag(false).Put(0x7F, 7);

    /// <summary>A descriptor: tag, length, "CUEI", body.</summary>
    public static byte[] Descriptor(int tag, byte[] body, uint identifier = 0x43554549)
    {
        var w = new SectionBits().Put((ulong)tag, 8).Put((ulong)(body.Length + 4), 8).Put(identifier, 32).Bytes(body);
        return w.ToArray();
    }

    /// <summary>Rewrites the trailing CRC_32 so a mutated section still passes the checksum.</summary>
    public static void FixCrc(byte[] section)
    {
        if (section.Length < 4)
        {
            return;
        }

        var crc = Mpeg2Crc32.Compute(section.AsSpan(0, section.Length - 4));
        section[^4] = (byte)(crc >> 24);
        section[^3] = (byte)(crc >> 16);
        section[^2] = (byte)(crc >> 8);
        section[^1] = (byte)crc;
    }
}
