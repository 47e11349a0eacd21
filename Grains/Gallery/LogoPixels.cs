using System.IO.Compression;

namespace Glance.Grains.Gallery;

/// <summary>
/// Logo templates are stored deflated: logos are mostly flat colour and shrink many times over, which keeps state
/// rows small and reads fast. The stored size is bounded by the template's pixel count, not by how well it compresses.
/// </summary>
internal static class LogoPixels
{
    public static byte[] Compress(ReadOnlySpan<byte> pixels)
    {
        using var output = new MemoryStream(capacity: Math.Max(1024, pixels.Length / 4));
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(pixels);
        }

        return output.ToArray();
    }

    /// <exception cref="InvalidDataException">The stored data does not inflate to exactly <paramref name="expectedLength"/> bytes.</exception>
    public static byte[] Decompress(byte[] stored, int expectedLength)
    {
        var pixels = new byte[expectedLength];
        using var deflate = new DeflateStream(new MemoryStream(stored, writable: false), CompressionMode.Decompress);
        deflate.ReadExactly(pixels);
        if (deflate.ReadByte() != -1)
        {
            throw new InvalidDataException($"The stored logo holds more than the {expectedLength} bytes its size calls for.");
        }

        return pixels;
    }
}
