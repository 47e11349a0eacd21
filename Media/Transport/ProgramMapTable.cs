namespace Glance.Media.Transport;

/// <summary>A PMT section (ISO/IEC 13818-1 2.4.4.8). Pure.</summary>
public static class ProgramMapTable
{
    /// <summary>The elementary streams a whole PMT section lists (CRC included, not checked here), in order; a loop that runs past the section ends it.</summary>
    public static List<(int Pid, int StreamType)> ElementaryStreams(ReadOnlySpan<byte> section)
    {
        var streams = new List<(int Pid, int StreamType)>();
        if (section.Length < 16)
        {
            return streams;
        }

        var end = section.Length - 4;
        var at = 12 + (((section[10] & 0x0F) << 8) | section[11]);
        while (at + 5 <= end)
        {
            var streamType = section[at];
            var pid = ((section[at + 1] & 0x1F) << 8) | section[at + 2];
            at += 5 + (((section[at + 3] & 0x0F) << 8) | section[at + 4]);
            if (at > end)
            {
                break;
            }

            streams.Add((pid, streamType));
        }

        return streams;
    }
}
