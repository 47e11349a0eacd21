using System.Buffers.Binary;

namespace Glance.Demo.Channel;

/// <summary>Reads a PNG's dimensions from its header (the IHDR chunk that must come first).</summary>
internal static class PngSize
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static (int Width, int Height) Read(ReadOnlySpan<byte> png)
    {
        if (png.Length < 24 || !png[..8].SequenceEqual(Signature) || !png.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            throw new DemoChannelException("ffmpeg did not produce a PNG picture.");
        }

        var width = BinaryPrimitives.ReadInt32BigEndian(png.Slice(16, 4));
        var height = BinaryPrimitives.ReadInt32BigEndian(png.Slice(20, 4));
        if (width <= 0 || height <= 0)
        {
            throw new DemoChannelException($"ffmpeg produced a PNG of {width}x{height} pixels.");
        }

        return (width, height);
    }
}
