namespace Glance.Media.Transport;

/// <summary>The start of a PES packet (ISO/IEC 13818-1 2.4.3.6). Pure.</summary>
public static class PesHeader
{
    /// <summary>
    /// The presentation time stamp of the PES packet that starts <paramref name="payload"/>, or null when there is no
    /// start code, the stream id carries no optional header, or no PTS is flagged.
    /// </summary>
    public static long? Pts(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 14 || payload[0] != 0 || payload[1] != 0 || payload[2] != 1)
        {
            return null;
        }

        // Stream ids without the optional PES header (program_stream_map, padding, private_stream_2, ECM, EMM, DSM-CC, H.222.1 type E, directory).
        var streamId = payload[3];
        if (streamId is 0xBC or 0xBE or 0xBF or 0xF0 or 0xF1 or 0xF2 or 0xF8 or 0xFF || (payload[6] & 0xC0) != 0x80)
        {
            return null;
        }

        if ((payload[7] & 0x80) == 0 || payload[8] < 5)
        {
            return null;
        }

        return ((long)((payload[9] >> 1) & 0x07) << 30) | ((long)payload[10] << 22) | ((long)(payload[11] >> 1) << 15)
            | ((long)payload[12] << 7) | ((long)payload[13] >> 1);
    }
}
