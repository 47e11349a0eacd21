namespace Glance.Tests.Signals;

/// <summary>
/// Adds CEA-608 captions to an H.264 Annex B stream the way broadcast encoders carry them: an SEI NAL unit
/// (user_data_registered_itu_t_t35, ATSC A/53 "GA94" cc_data) before every picture. ffmpeg 5.1 cannot write captions
/// itself, so the test builds them; detection is then ffmpeg's own parsing, as in production.
/// </summary>
internal static class CaptionedStream
{
    public static byte[] AddCaptions(ReadOnlySpan<byte> annexB)
    {
        var output = new List<byte>(annexB.Length + 4096);
        foreach (var (start, length) in NalUnits(annexB))
        {
            var nalType = annexB[start] & 0x1F;
            if (nalType is 1 or 5)
            {
                output.AddRange(StartCode);
                output.AddRange(CaptionSei);
            }

            output.AddRange(StartCode);
            output.AddRange(annexB.Slice(start, length).ToArray());
        }

        return [.. output];
    }

    private static readonly byte[] StartCode = [0, 0, 0, 1];

    /// <summary>SEI type 4: country code 0xB5 (USA), provider 0x0031 (ATSC), "GA94", type 3 (cc_data) with two triplets:
    /// a CEA-608 field-1 pair ("resume caption loading") and a DTVCC padding triplet.</summary>
    private static readonly byte[] CaptionSei = BuildSei();

    private static byte[] BuildSei()
    {
        byte[] payload = [0xB5, 0x00, 0x31, (byte)'G', (byte)'A', (byte)'9', (byte)'4', 0x03, 0x40 | 2, 0xFF, 0xFC, 0x94, 0x20, 0xFF, 0x00, 0x00, 0xFF];
        var body = new List<byte> { 4, (byte)payload.Length };
        body.AddRange(payload);
        body.Add(0x80); // rbsp trailing bits
        var nal = new List<byte> { 0x06 };
        var zeros = 0;
        foreach (var b in body)
        {
            if (zeros >= 2 && b <= 3)
            {
                nal.Add(3); // emulation prevention
                zeros = 0;
            }

            nal.Add(b);
            zeros = b == 0 ? zeros + 1 : 0;
        }

        return [.. nal];
    }

    private static IEnumerable<(int Start, int Length)> NalUnits(ReadOnlySpan<byte> data)
    {
        var starts = new List<int>();
        for (var i = 0; i + 2 < data.Length; i++)
        {
            if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1)
            {
                starts.Add(i + 3);
                i += 2;
            }
        }

        var units = new List<(int, int)>();
        for (var n = 0; n < starts.Count; n++)
        {
            var end = n + 1 < starts.Count ? starts[n + 1] - 3 : data.Length;
            while (end > starts[n] && data[end - 1] == 0)
            {
                end--; // the zero byte of a following four-byte start code
            }

            units.Add((starts[n], end - starts[n]));
        }

        return units;
    }
}
