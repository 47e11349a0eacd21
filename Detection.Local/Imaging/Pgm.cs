using System.Globalization;
using System.Text;

namespace Glance.Detection.Local.Imaging;

/// <summary>Binary PGM (P5): the simplest picture format external tools (Leptonica, ffmpeg) read from a pipe.</summary>
public static class Pgm
{
    public static byte[] Encode(GreyImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"P5\n{image.Width} {image.Height}\n255\n"));
        var encoded = new byte[header.Length + image.Pixels.Length];
        header.CopyTo(encoded, 0);
        image.Pixels.CopyTo(encoded, header.Length);
        return encoded;
    }
}
