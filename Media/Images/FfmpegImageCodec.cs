using System.Globalization;
using Glance.Media.Frames;
using Glance.Media.Processes;
using Microsoft.Extensions.Options;

namespace Glance.Media.Images;

/// <summary>
/// Decodes any image format ffmpeg knows (JPEG, PNG, WebP, BMP, ...) to RGB in memory, and encodes RGB to JPEG, over
/// pipes: there is no C# image library in our registry, and no temporary files are written.
/// </summary>
public sealed class FfmpegImageCodec(IOptions<FfmpegOptions> options)
{
    private readonly FfmpegOptions options = options.Value;

    public async Task<RgbImage> DecodeAsync(ReadOnlyMemory<byte> encoded, ImageDecodeLimits limits, CancellationToken cancellationToken)
    {
        if (encoded.IsEmpty)
        {
            throw new ImageFormatException("The image is empty.");
        }

        if (encoded.Length > limits.MaxEncodedBytes)
        {
            throw new ImageFormatException($"The image is {encoded.Length} bytes; the limit is {limits.MaxEncodedBytes}.");
        }

        List<string> arguments =
        [
            "-hide_banner", "-nostdin", "-loglevel", "error",
            "-max_pixels", limits.MaxSourcePixels.ToString(CultureInfo.InvariantCulture),
            "-i", "pipe:0",
            "-frames:v", "1",
        ];
        if (limits.MaxLongSide is { } longSide)
        {
            var side = longSide.ToString(CultureInfo.InvariantCulture);
            arguments.AddRange(["-vf", $"scale=w='if(gte(iw,ih),min({side},iw),-2)':h='if(gte(iw,ih),-2,min({side},ih))'"]);
        }

        arguments.AddRange(["-pix_fmt", "rgb24", "-f", "image2pipe", "-c:v", "ppm", "pipe:1"]);
        var request = new ChildProcessRequest(options.FfmpegPath, arguments)
        {
            StandardInput = encoded,
            Timeout = options.ImageTimeout,
            MaxBufferedOutputBytes = ((long)limits.MaxSourcePixels * 3) + 1024,
        };
        var result = await ChildProcess.RunAsync(request, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0 || result.StandardOutput.Length == 0)
        {
            var reason = result.StandardErrorTail.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            throw new ImageFormatException($"The image could not be decoded{(reason is null ? "." : $": {reason}")}");
        }

        return PpmReader.Read(result.StandardOutput);
    }

    /// <param name="quality">1 (smallest) to 100 (best).</param>
    public async Task<byte[]> EncodeJpegAsync(RgbImage image, int quality, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);

        // ffmpeg's MJPEG scale runs from 2 (best) to 31 (smallest).
        var qscale = (int)Math.Round(2 + ((100 - quality) * 29 / 99.0));
        string[] arguments =
        [
            "-hide_banner", "-nostdin", "-loglevel", "error",
            "-f", "rawvideo", "-pix_fmt", "rgb24",
            "-s", $"{image.Width.ToString(CultureInfo.InvariantCulture)}x{image.Height.ToString(CultureInfo.InvariantCulture)}",
            "-i", "pipe:0",
            "-frames:v", "1", "-c:v", "mjpeg", "-pix_fmt", "yuvj420p", "-q:v", qscale.ToString(CultureInfo.InvariantCulture),
            "-f", "image2pipe", "pipe:1",
        ];
        var request = new ChildProcessRequest(options.FfmpegPath, arguments)
        {
            StandardInput = image.Pixels,
            Timeout = options.ImageTimeout,
        };
        var result = await ChildProcess.RunCheckedAsync(request, cancellationToken).ConfigureAwait(false);
        return result.StandardOutput;
    }
}
