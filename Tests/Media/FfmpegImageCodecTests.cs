using Glance.Media.Frames;
using Glance.Media.Images;
using Glance.Media.Processes;
using Microsoft.Extensions.Options;

namespace Glance.Tests.Media;

public sealed class FfmpegImageCodecTests
{
    private readonly FfmpegImageCodec codec = new(Options.Create(new FfmpegOptions()));

    [Fact]
    public async Task Jpeg_round_trip_keeps_size_and_colours()
    {
        var image = Gradient(96, 64);

        var jpeg = await codec.EncodeJpegAsync(image, 95, CancellationToken.None);
        var decoded = await codec.DecodeAsync(jpeg, ImageDecodeLimits.Default, CancellationToken.None);

        jpeg.AsSpan(0, 2).ToArray().Should().Equal(0xFF, 0xD8);
        decoded.Width.Should().Be(96);
        decoded.Height.Should().Be(64);
        MeanAbsoluteDifference(image, decoded).Should().BeLessThan(6);
    }

    [Fact]
    public async Task Decoding_scales_down_to_the_longest_side()
    {
        var jpeg = await codec.EncodeJpegAsync(Gradient(400, 200), 80, CancellationToken.None);

        var decoded = await codec.DecodeAsync(jpeg, new ImageDecodeLimits(MaxLongSide: 100), CancellationToken.None);

        decoded.Width.Should().Be(100);
        decoded.Height.Should().Be(50);
    }

    [Fact]
    public async Task Garbage_is_refused_with_an_image_error()
    {
        var act = () => codec.DecodeAsync("this is not a picture at all"u8.ToArray(), ImageDecodeLimits.Default, CancellationToken.None);

        (await act.Should().ThrowAsync<ImageFormatException>()).Which.Message.Should().StartWith("The image could not be decoded");
    }

    [Fact]
    public async Task Too_many_pixels_are_refused_before_decoding_them()
    {
        var jpeg = await codec.EncodeJpegAsync(Gradient(400, 200), 80, CancellationToken.None);

        var act = () => codec.DecodeAsync(jpeg, new ImageDecodeLimits(MaxSourcePixels: 10_000), CancellationToken.None);

        await act.Should().ThrowAsync<ImageFormatException>();
    }

    [Fact]
    public async Task Oversized_files_are_refused_without_running_ffmpeg()
    {
        var act = () => codec.DecodeAsync(new byte[2000], new ImageDecodeLimits(MaxEncodedBytes: 1000), CancellationToken.None);

        (await act.Should().ThrowAsync<ImageFormatException>()).Which.Message.Should().Contain("limit is 1000");
    }

    [Fact]
    public void Ppm_reader_refuses_truncated_pixels()
    {
        var act = () => PpmReader.Read("P6\n4 4\n255\n\0\0\0"u8.ToArray());

        act.Should().Throw<ImageFormatException>().WithMessage("*4x4*");
    }

    internal static RgbImage Gradient(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = ((y * width) + x) * 3;
                pixels[i] = (byte)(x * 255 / width);
                pixels[i + 1] = (byte)(y * 255 / height);
                pixels[i + 2] = 128;
            }
        }

        return new RgbImage(width, height, pixels);
    }

    private static double MeanAbsoluteDifference(RgbImage a, RgbImage b)
    {
        var total = 0L;
        var pa = a.Pixels.Span;
        var pb = b.Pixels.Span;
        for (var i = 0; i < pa.Length; i++)
        {
            total += Math.Abs(pa[i] - pb[i]);
        }

        return (double)total / pa.Length;
    }
}
