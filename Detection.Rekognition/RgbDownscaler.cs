using Glance.Media.Frames;

namespace Glance.Detection.Rekognition;

/// <summary>Halves a picture by averaging 2x2 blocks: cheap, and alias-free enough for a service that re-detects.</summary>
internal static class RgbDownscaler
{
    public static RgbImage Halve(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var width = Math.Max(1, image.Width / 2);
        var height = Math.Max(1, image.Height / 2);
        var output = new byte[width * height * 3];
        var source = image.Pixels.Span;
        var stride = image.Stride;
        var lastRow = image.Height - 1;
        var lastColumn = image.Width - 1;
        for (var y = 0; y < height; y++)
        {
            var top = source.Slice(Math.Min(2 * y, lastRow) * stride, stride);
            var bottom = source.Slice(Math.Min((2 * y) + 1, lastRow) * stride, stride);
            var row = output.AsSpan(y * width * 3, width * 3);
            for (var x = 0; x < width; x++)
            {
                var left = Math.Min(2 * x, lastColumn) * 3;
                var right = Math.Min((2 * x) + 1, lastColumn) * 3;
                for (var c = 0; c < 3; c++)
                {
                    var sum = top[left + c] + top[right + c] + bottom[left + c] + bottom[right + c];
                    row[(x * 3) + c] = (byte)((sum + 2) >> 2);
                }
            }
        }

        return new RgbImage(width, height, output);
    }
}
