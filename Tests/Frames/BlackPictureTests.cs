using Glance.Detection;
using Glance.Media.Frames;

namespace Glance.Tests.Frames;

/// <summary>A frame with no picture, by blackdetect's test: nearly every pixel under a tenth of the luma range.</summary>
public sealed class BlackPictureTests
{
    [Fact]
    public void Black_with_an_encoders_faint_noise_is_black()
    {
        BlackPicture.Is(Noisy(baseLevel: 0, amplitude: 12, seed: 1)).Should().BeTrue();
        BlackPicture.Is(Flat(0, 0, 0)).Should().BeTrue();
    }

    [Fact]
    public void A_dark_grey_picture_is_not_black()
    {
        BlackPicture.Is(Flat(0x20, 0x20, 0x20)).Should().BeFalse("luma 32 is above a tenth of the range (25.5)");
        BlackPicture.Is(Flat(0x18, 0x18, 0x18)).Should().BeTrue("luma 24 is under it");
    }

    [Fact]
    public void A_small_bright_area_leaves_a_frame_black_and_a_larger_one_does_not()
    {
        BlackPicture.Is(WithWhiteBlock(Flat(0, 0, 0), width: 32, height: 18)).Should().BeTrue("0.5 % of the frame is bright");
        BlackPicture.Is(WithWhiteBlock(Flat(0, 0, 0), width: 160, height: 60)).Should().BeFalse("4 % of the frame is bright: a caption on black is a picture");
    }

    [Fact]
    public void Saturated_blue_counts_by_its_luma()
    {
        // Pure blue at full strength has luma 29: a picture, though two channels are zero.
        BlackPicture.Is(Flat(0, 0, 255)).Should().BeFalse();
        BlackPicture.Is(Flat(0, 0, 200)).Should().BeTrue("luma 22.8");
    }

    private static RgbImage Flat(byte r, byte g, byte b)
    {
        var pixels = new byte[640 * 360 * 3];
        for (var i = 0; i < pixels.Length; i += 3)
        {
            (pixels[i], pixels[i + 1], pixels[i + 2]) = (r, g, b);
        }

        return new RgbImage(640, 360, pixels);
    }

    private static RgbImage Noisy(int baseLevel, int amplitude, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[640 * 360 * 3];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)Math.Clamp(baseLevel + random.Next(-amplitude, amplitude + 1), 0, 255);
        }

        return new RgbImage(640, 360, pixels);
    }

    private static RgbImage WithWhiteBlock(RgbImage image, int width, int height)
    {
        var pixels = image.Pixels.ToArray();
        for (var y = 100; y < 100 + height; y++)
        {
            pixels.AsSpan((y * image.Stride) + (100 * 3), width * 3).Fill(255);
        }

        return new RgbImage(image.Width, image.Height, pixels);
    }
}
