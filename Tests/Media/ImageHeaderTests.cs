using Glance.Media.Images;
using Glance.Media.Processes;

namespace Glance.Tests.Media;

/// <summary>Reading format and size from an image's first bytes, on files ffmpeg wrote.</summary>
public sealed class ImageHeaderTests
{
    [Theory]
    [InlineData("png", "PNG")]
    [InlineData("mjpeg", "JPEG")]
    [InlineData("gif", "GIF")]
    [InlineData("bmp", "BMP")]
    public async Task The_size_of_an_encoded_picture_is_read_from_its_header(string codec, string format)
    {
        var image = await EncodeAsync(codec, 320, 180);

        ImageHeader.Read(image).Should().Be(new ImageHeader(format, 320, 180));
    }

    [Fact]
    public async Task Bytes_that_are_not_a_complete_image_header_give_nothing()
    {
        var png = await EncodeAsync("png", 64, 32);

        ImageHeader.Read("this is not a JPEG"u8).Should().BeNull();
        ImageHeader.Read("GIF89a? no"u8).Should().BeNull("a GIF needs its whole screen descriptor");
        ImageHeader.Read(png.AsSpan(0, 20)).Should().BeNull("the PNG header is cut short");
        ImageHeader.Read([0xFF, 0xD8, 0xFF, 0xD9]).Should().BeNull("a JPEG that ends before any frame has no size");
        ImageHeader.Read([]).Should().BeNull();
    }

    private static async Task<byte[]> EncodeAsync(string codec, int width, int height)
    {
        string[] arguments =
        [
            "-hide_banner", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", $"testsrc2=s={width}x{height}",
            "-frames:v", "1", "-c:v", codec, "-f", "image2pipe", "pipe:1",
        ];
        var result = await ChildProcess.RunCheckedAsync(new ChildProcessRequest("ffmpeg", arguments) { Timeout = TimeSpan.FromSeconds(30) }, CancellationToken.None);
        return result.StandardOutput;
    }
}
