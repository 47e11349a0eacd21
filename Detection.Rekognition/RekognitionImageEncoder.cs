using System.Globalization;
using Glance.Media.Frames;
using Glance.Media.Images;
namespace Glance.Detection.Rekognition;

/// <summary>
/// Turns a frame into the JPEG Rekognition receives, under its size limit, once per frame however many Rekognition
/// detectors look at it: first at the configured quality, then at lower qualities, then halved, until it fits.
/// </summary>
public sealed class RekognitionImageEncoder(FfmpegImageCodec codec, IOptions<RekognitionOptions> options)
{
    /// <summary>Rekognition's limit for image bytes (decoded, before base64).</summary>
    public const int MaxImageBytes = 5 * 1024 * 1024;

    /// <summary>DetectCustomLabels accepts less than the other operations.</summary>
    public const int MaxCustomLabelsImageBytes = 4 * 1024 * 1024;

    private const int LowestQuality = 50;
    private const int MaxHalvings = 5;

    private readonly int quality = options.Value.JpegQuality;

    /// <summary>
    /// The frame's JPEG under <paramref name="maxBytes"/>, shared through the frame: the usual 5 MB encoding serves a
    /// smaller limit too whenever it already fits, so a frame is normally encoded once.
    /// </summary>
    public async Task<byte[]> GetJpegAsync(DetectionFrame frame, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxBytes, MaxImageBytes);
        var standard = await SharedAsync(frame, MaxImageBytes, cancellationToken).ConfigureAwait(false);
        return standard.Length <= maxBytes ? standard : await SharedAsync(frame, maxBytes, cancellationToken).ConfigureAwait(false);
    }

    public async Task<byte[]> EncodeAsync(RgbImage image, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        var current = image;
        var smallest = int.MaxValue;
        for (var halvings = 0; halvings <= MaxHalvings; halvings++)
        {
            foreach (var step in QualityLadder())
            {
                var jpeg = await codec.EncodeJpegAsync(current, step, cancellationToken).ConfigureAwait(false);
                if (jpeg.Length <= maxBytes)
                {
                    return jpeg;
                }

                smallest = Math.Min(smallest, jpeg.Length);
            }

            if (current.Width < 2 && current.Height < 2)
            {
                break;
            }

            current = RgbDownscaler.Halve(current);
        }

        throw new RekognitionException(
            "EncodeImage",
            "ImageTooLarge",
            $"A {image.Width.ToString(CultureInfo.InvariantCulture)}x{image.Height.ToString(CultureInfo.InvariantCulture)} frame stays above {maxBytes} bytes as JPEG (smallest {smallest}).",
            attempts: 0);
    }

    /// <summary>The key under which a frame memoizes its JPEG for a size limit.</summary>
    internal static string SharedKey(int maxBytes) => "rekognition.jpeg." + maxBytes.ToString(CultureInfo.InvariantCulture);

    private Task<byte[]> SharedAsync(DetectionFrame frame, int maxBytes, CancellationToken cancellationToken) =>
        frame.SharedAsync(
            SharedKey(maxBytes),
            ct => EncodeAsync(frame.Image, maxBytes, ct),
            cancellationToken);

    private IEnumerable<int> QualityLadder()
    {
        yield return quality;
        if (quality > 70)
        {
            yield return 70;
        }

        if (quality > LowestQuality)
        {
            yield return LowestQuality;
        }
    }
}
