namespace Glance.Media.Transport;

/// <summary>
/// CRC-32/MPEG-2 (polynomial 0x04C11DB7, initial value 0xFFFFFFFF, no reflection, no final XOR), the checksum of
/// MPEG-2 PSI sections and of SCTE-35 splice_info_section. A section whose trailing CRC is correct checksums to zero.
/// </summary>
public static class Mpeg2Crc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var table = Table;
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = (crc << 8) ^ table[(int)(((crc >> 24) ^ b) & 0xFF)];
        }

        return crc;
    }

    /// <summary>True when <paramref name="section"/> ends with a correct CRC_32 over everything before it.</summary>
    public static bool IsValidSection(ReadOnlySpan<byte> section) => section.Length >= 4 && Compute(section) == 0;

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i << 24;
            for (var bit = 0; bit < 8; bit++)
            {
                c = (c & 0x80000000u) != 0 ? (c << 1) ^ 0x04C11DB7u : c << 1;
            }

            table[i] = c;
        }

        return table;
    }
}
