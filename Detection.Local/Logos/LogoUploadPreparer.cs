using Glance.Media.Images;

namespace Glance.Detection.Local.Logos;

/// <summary>
/// Turns an uploaded logo (PUT /v1/logos/{logoId}) into the template a <see cref="KnownLogo"/> holds: decoded to RGB,
/// optionally resized to the width the logo has on air in a frame of the reference height, and checked to be usable.
/// </summary>
public sealed class LogoUploadPreparer(FfmpegImageCodec codec, LogoMatcher matcher)
{
    private static readonly ImageDecodeLimits UploadLimits = new(MaxEncodedBytes: 4 * 1024 * 1024, MaxSourcePixels: 16_000_000);

    /// <param name="widthOnAir">
    /// The logo's width in pixels in a frame of <see cref="LocalLogoOptions.ReferenceFrameHeight"/> (720 by default);
    /// null when the upload already has that size. Logos are only ever shrunk, never enlarged.
    /// </param>
    /// <exception cref="ImageFormatException">The upload is not a decodable image or exceeds the upload limits.</exception>
    /// <exception cref="LogoTemplateException">The image cannot serve as a template (size, flat, all background).</exception>
    public async Task<RgbImage> PrepareAsync(ReadOnlyMemory<byte> upload, int? widthOnAir, CancellationToken cancellationToken)
    {
        var options = matcher.Options;
        var image = await codec.DecodeAsync(upload, UploadLimits, cancellationToken).ConfigureAwait(false);
        if (widthOnAir is { } width)
        {
            if (width < options.MinTemplateSide || width > options.MaxTemplateSide)
            {
                throw new LogoTemplateException($"The on-air width must be between {options.MinTemplateSide} and {options.MaxTemplateSide} pixels; {width} was given.");
            }

            if (width < image.Width)
            {
                var longSide = image.Width >= image.Height ? width : (int)Math.Round((double)image.Height * width / image.Width);
                image = await codec.DecodeAsync(upload, UploadLimits with { MaxLongSide = Math.Max(1, longSide) }, cancellationToken).ConfigureAwait(false);
            }
        }

        matcher.Prepare(image);
        return image;
    }
}
