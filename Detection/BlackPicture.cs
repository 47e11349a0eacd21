using Glance.Media.Frames;

namespace Glance.Detection;

/// <summary>
/// Whether a frame shows no picture: at least <c>pictureRatio</c> of its pixels darker than <c>pixelThreshold</c> of
/// the luma range, ffmpeg blackdetect's test with its defaults (the monitoring's black check uses the same figures).
/// Networks see things in the encoder's noise over black (CenterNet reads the demo channel's black seconds as a cat:
/// docs/benchmarks.md, object-labels); a detector that has nothing to find on such a frame can skip it.
/// </summary>
public static class BlackPicture
{
    public const double DefaultPictureRatio = 0.98;

    public const double DefaultPixelThreshold = 0.10;

    /// <summary>Every second pixel of every second row: the test is about a share of the frame, not a pixel.</summary>
    private const int Step = 2;

    public static bool Is(RgbImage image, double pictureRatio = DefaultPictureRatio, double pixelThreshold = DefaultPixelThreshold)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(pictureRatio, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pictureRatio, 1);
        var samples = ((image.Width + Step - 1) / Step) * ((image.Height + Step - 1) / Step);
        var allowedBright = (long)Math.Floor(samples * (1 - pictureRatio));

        // BT.601 luma times 1,000 against the threshold on the same scale (full-range RGB from the decoder).
        var threshold = (long)Math.Round(pixelThreshold * 255 * 1000);
        var pixels = image.Pixels.Span;
        long bright = 0;
        for (var y = 0; y < image.Height; y += Step)
        {
            var row = pixels.Slice(y * image.Stride, image.Stride);
            for (var x = 0; x < row.Length; x += 3 * Step)
            {
                if ((299L * row[x]) + (587L * row[x + 1]) + (114L * row[x + 2]) >= threshold && ++bright > allowedBright)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
