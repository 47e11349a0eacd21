namespace Glance.Media.Hls;

/// <summary>Turns the text form of an SCTE-35 splice_info_section in a playlist tag back into its bytes.</summary>
internal static class Scte35Payload
{
    /// <summary>Decodes "0x..." hex (DATERANGE style) or base64 (EXT-OATCLS-SCTE35, EXT-X-SCTE35, CUE-OUT-CONT style).</summary>
    public static ReadOnlyMemory<byte> Decode(ReadOnlySpan<char> text, string what, int lineNumber)
    {
        if (text.Length >= 2 && text[0] == '0' && (text[1] | 0x20) == 'x')
        {
            return DecodeHex(text[2..], what, lineNumber);
        }

        var buffer = new byte[((text.Length + 3) / 4) * 3];
        if (text.IsEmpty || !Convert.TryFromBase64Chars(text, buffer, out var written) || written == 0)
        {
            throw new PlaylistParseException($"{what} '{AttributeReader.Shorten(text)}' is neither 0x hex nor base64", lineNumber);
        }

        return buffer.AsMemory(0, written);
    }

    public static ReadOnlyMemory<byte> DecodeHex(ReadOnlySpan<char> hex, string what, int lineNumber)
    {
        if (hex.IsEmpty || hex.Length % 2 != 0)
        {
            throw new PlaylistParseException($"{what} has an odd or empty number of hex digits", lineNumber);
        }

        var bytes = new byte[hex.Length / 2];
        if (Convert.FromHexString(hex, bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != bytes.Length)
        {
            throw new PlaylistParseException($"{what} is not valid hex", lineNumber);
        }

        return bytes;
    }
}
