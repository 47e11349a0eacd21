using Glance.Detection;
using Glance.Detection.Local.Imaging;
using Glance.Detection.Local.Text;
using Glance.Detection.Local.Text.PaddleOcr;

namespace Glance.Tests.Text;

/// <summary>Candidate lines fainter than any graphic's are left out before the line cap and the detection network.</summary>
public sealed class TextContrastTests
{
    [Theory]
    [InlineData("board.jpg")]
    [InlineData("baboon.jpg")]
    [InlineData("building.jpg")]
    public async Task A_textured_photographs_faint_line_like_blobs_cost_the_detection_network_little(string photo)
    {
        var grey = await GreyAsync(new Background(photo, ["-i", Path.Combine(TestMedia.PhotoDirectory, photo)]), null);

        var everyLine = NetworkPixels(TextCandidateRegions.Find(grey, [], new LocalTextOptions { MinTextContrast = 0, MinLargeTextContrast = 0 }));
        var legibleLines = NetworkPixels(TextCandidateRegions.Find(grey, [], new LocalTextOptions()));

        everyLine.Should().BeGreaterThan(0, "the photograph's texture chains up into line-like rows of blobs");
        legibleLines.Should().BeLessThan(everyLine * 2 / 3, "most of those rows are fainter than any graphic");
    }

    [Fact]
    public async Task A_graphics_words_stand_far_further_from_their_plate_than_a_photographs_blobs()
    {
        var filter = "[bg]drawbox=x=40:y=36:w=400:h=70:color=0x101828@0.85:t=fill," + TestMedia.DrawText("BOC 0 - 1 SAN", 64, 50, 36, "0xffd400") + "[out]";
        var grey = await GreyAsync(new Background("baboon.jpg", ["-i", Path.Combine(TestMedia.PhotoDirectory, "baboon.jpg")]), filter);

        var graphic = InkContrast.Of(grey, new PixelRect(60, 44, 120, 50));
        var fur = InkContrast.Of(grey, new PixelRect(600, 300, 120, 50));

        graphic.Should().BeGreaterThan(new LocalTextOptions().MinTextContrast);
        fur.Should().BeLessThan(new LocalTextOptions().MinTextContrast);
    }

    [Fact]
    public void A_flat_patch_has_no_contrast()
    {
        var flat = new GreyImage(40, 20);
        flat.Pixels.AsSpan().Fill(90);

        InkContrast.Of(flat, new PixelRect(0, 0, 40, 20)).Should().Be(0);
        InkContrast.Of(flat, new PixelRect(50, 50, 10, 10)).Should().Be(0, "a patch outside the image is empty");
    }

    private static double NetworkPixels(TextCandidates candidates) =>
        candidates.Regions.Sum(r => r.Rect.Area * r.Scale * r.Scale);

    private static async Task<GreyImage> GreyAsync(Background background, string? filter) =>
        await SharedImages.GreyAsync(new DetectionFrame(await TestMedia.RenderAsync(background, 1280, 720, filter)), CancellationToken.None);
}
