using Glance.Media.Frames;

namespace Glance.Media.Images;

/// <summary>
/// Reads a binary PPM (P6, maxval 255): ffmpeg writes its decoded pictures this way so that the size travels with the
/// pixels and no second probe is needed.
/// </summary>
public static class PpmReader
{
    public static RgbImage Read(ReadOnlyMemory<byte> data)
    {
        var span = data.Span;
        var position = 0;
        if (span.Length < 2 || span[0] != (byte)'P' || span[1] != (byte)'6')
        {
            throw new ImageFormatException("Decoded image is not a binary PPM (P6).");
        }

        position = 2;
        var width = ReadNumber(span, ref position);
        var height = ReadNumber(span, ref position);
        var maxValue = ReadNumber(span, ref position);
        if (maxValue != 255)
        {
            throw new ImageFormatException($"PPM maxval {maxValue} is not supported (expected 255).");
        }

        position++; // exactly one whitespace byte separates the header from the pixels
        if (width <= 0 || height <= 0 || (long)width * height * 3 > span.Length - position)
        {
            throw new ImageFormatException($"PPM header says {width}x{height} but only {span.Length - position} pixel bytes follow.");
        }

        return new RgbImage(width, height, data.Slice(position, width * height * 3));
    }

    private static int ReadNumber(ReadOnlySpan<byte> span, ref int position)
    {
        while (position < span.Length)
        {
            var c = span[position];
            if (c == (byte)'#')
            {
                while (position < span.Length && span[position] != (byte)'\n')
                {
                    position++;
                }
            }
            else if (c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
            {
                position++;
            }
            else
            {
                break;
            }
        }

        var value = 0;
        var digits = 0;
        while (position < span.Length && span[position] is >= (byte)'0' and <= (byte)'9' && digits < 9)
        {
            value = (value * 10) + (span[position] - (byte)'0');
            position++;
            digits++;
        }

        if (digits == 0)
        {
            throw new ImageFormatException("PPM header is truncated or malformed.");
        }

        return value;
    }
}
