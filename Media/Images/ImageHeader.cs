using System.Buffers.Binary;

namespace Glance.Media.Images;

/// <summary>
/// An image's format and size read from its first bytes, without decoding: a cheap check that an upload is an image
/// (JPEG, PNG, GIF, BMP or WebP) and not a decompression bomb, before any decoder runs. A file whose header reads
/// well may still fail to decode.
/// </summary>
public readonly record struct ImageHeader(string Format, int Width, int Height)
{
    public const string KnownFormats = "JPEG, PNG, GIF, BMP or WebP";

    /// <summary>How far into a JPEG the frame header is looked for (EXIF thumbnails come first and can be large).</summary>
    private const int MaxJpegScanBytes = 1024 * 1024;

    public long Pixels => (long)Width * Height;

    /// <returns>The header, or null when the bytes do not start like a complete image of a known format.</returns>
    public static ImageHeader? Read(ReadOnlySpan<byte> data)
    {
        var header = data switch
        {
            [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] when data.Length >= 33 && data[12..16].SequenceEqual("IHDR"u8) =>
                new ImageHeader("PNG", BinaryPrimitives.ReadInt32BigEndian(data[16..]), BinaryPrimitives.ReadInt32BigEndian(data[20..])),
            [(byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'7' or (byte)'9', (byte)'a', ..] when data.Length >= 14 =>
                new ImageHeader("GIF", BinaryPrimitives.ReadUInt16LittleEndian(data[6..]), BinaryPrimitives.ReadUInt16LittleEndian(data[8..])),
            [(byte)'B', (byte)'M', ..] when data.Length >= 26 && BinaryPrimitives.ReadInt32LittleEndian(data[14..]) >= 40 =>
                new ImageHeader("BMP", BinaryPrimitives.ReadInt32LittleEndian(data[18..]), Math.Abs(BinaryPrimitives.ReadInt32LittleEndian(data[22..]))),
            [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] when data.Length >= 30 => WebP(data),
            [0xFF, 0xD8, ..] => Jpeg(data),
            _ => (ImageHeader?)null,
        };
        return header is { Width: > 0, Height: > 0 } ? header : null;
    }

    private static ImageHeader? WebP(ReadOnlySpan<byte> data)
    {
        var chunk = data[12..16];
        if (chunk.SequenceEqual("VP8 "u8))
        {
            return new ImageHeader("WebP", BinaryPrimitives.ReadUInt16LittleEndian(data[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(data[28..]) & 0x3FFF);
        }

        if (chunk.SequenceEqual("VP8L"u8))
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[21..]);
            return new ImageHeader("WebP", (int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }

        if (chunk.SequenceEqual("VP8X"u8))
        {
            return new ImageHeader("WebP", (data[24] | (data[25] << 8) | (data[26] << 16)) + 1, (data[27] | (data[28] << 8) | (data[29] << 16)) + 1);
        }

        return null;
    }

    /// <summary>Walks the marker segments to the first start-of-frame, which holds the size.</summary>
    private static ImageHeader? Jpeg(ReadOnlySpan<byte> data)
    {
        var end = Math.Min(data.Length, MaxJpegScanBytes);
        var position = 2;
        while (position + 4 <= end)
        {
            if (data[position] != 0xFF)
            {
                return null;
            }

            var marker = data[position + 1];
            if (marker == 0xFF)
            {
                position++; // fill byte
                continue;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                position += 2; // markers without a length
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(position + 2)..]);
            if (length < 2)
            {
                return null;
            }

            var isFrame = marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            if (isFrame)
            {
                return position + 9 <= end
                    ? new ImageHeader("JPEG", BinaryPrimitives.ReadUInt16BigEndian(data[(position + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(data[(position + 5)..]))
                    : null;
            }

            if (marker is 0xD9 or 0xDA)
            {
                return null; // end of image or scan data before any frame header
            }

            position += 2 + length;
        }

        return null;
    }
}
