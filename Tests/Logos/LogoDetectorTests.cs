using System.Globalization;
using Glance.Detection;
using Glance.Detection.Local.Imaging;
using Glance.Detection.Local.Logos;
using Glance.Media.Frames;
using Glance.Media.Images;
using Glance.Media.Processes;
using Glance.Tests.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Glance.Tests.Logos;

/// <summary>A station logo ("GTV SPORTS" bug) overlaid by ffmpeg on real and generated frames, found by the real matcher.</summary>
public sealed class LogoDetectorTests
{
    /// <summary>150x60: its size in a 720p frame, as templates are defined.</summary>
    internal const string LogoGraph =
        "color=c=0x1a3c8c:s=150x60,drawbox=x=0:y=44:w=150:h=16:color=0xf0c020:t=fill,"
        + "drawtext=fontfile=" + TestMedia.Font + ":text='GTV':x=12:y=6:fontsize=34:fontcolor=white,"
        + "drawtext=fontfile=" + TestMedia.Font + ":text='SPORTS':x=40:y=45:fontsize=12:fontcolor=black";

    private static readonly LogoMatcher Matcher = new(Options.Create(new LocalLogoOptions()));

    public static TheoryData<Background, double, double, bool, int> Overlays()
    {
        var data = new TheoryData<Background, double, double, bool, int>();
        var backgrounds = TestMedia.Backgrounds();
        var i = 0;
        foreach (var scale in new[] { 0.7, 1.0, 1.3 })
        {
            foreach (var opacity in new[] { 1.0, 0.6 })
            {
                foreach (var greyscale in new[] { false, true })
                {
                    // Spread the combinations over the backgrounds and both frame sizes.
                    data.Add(backgrounds[i % backgrounds.Count], scale, opacity, greyscale, i % 3 == 0 ? 360 : 720);
                    i++;
                }
            }
        }

        return data;
    }

    public static TheoryData<Background> Backgrounds => TestMedia.BackgroundData();

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task The_logo_is_found_where_it_is_overlaid(Background background, double scale, double opacity, bool greyscale, int height)
    {
        var width = height * 16 / 9;
        var unit = height / 720.0;
        var logoWidth = (int)Math.Round(150 * scale * unit);
        var logoHeight = (int)Math.Round(60 * scale * unit);
        var x = width - logoWidth - (int)(40 * unit);
        var y = (int)(30 * unit);
        var filter = string.Create(
            CultureInfo.InvariantCulture,
            $"[1:v]scale={logoWidth}:{logoHeight},format=rgba,colorchannelmixer=aa={opacity}{(greyscale ? ",hue=s=0" : string.Empty)}[logo];[bg][logo]overlay=x={x}:y={y},format=rgb24[out]");
        var image = await TestMedia.RenderAsync(background, width, height, filter, await LogoPngAsync());

        var detections = await DetectAsync(image, await LogoAsync());

        var logo = detections.Should().ContainSingle().Subject;
        logo.Kind.Should().Be(DetectionKind.Logo);
        logo.Id.Should().Be("gtv");
        logo.Name.Should().Be("GTV Sports");
        logo.Detector.Should().Be("local.logos");
        logo.Confidence.Should().BeGreaterThanOrEqualTo(0.7);
        var expected = new PixelRect(x, y, logoWidth, logoHeight);
        PixelRect.FromBox(logo.Box!.Value, width, height).Overlap(expected).Should().BeGreaterThan(0.7);
    }

    [Theory]
    [MemberData(nameof(Backgrounds))]
    public async Task The_logo_is_not_found_where_it_is_absent(Background background)
    {
        var image = await TestMedia.RenderAsync(background, 1280, 720);

        var detections = await DetectAsync(image, await LogoAsync());

        detections.Should().BeEmpty();
    }

    [Fact]
    public async Task A_logo_outside_the_configured_regions_is_not_looked_for()
    {
        var filter = "[bg][1:v]overlay=x=1090:y=30,format=rgb24[out]";
        var image = await TestMedia.RenderAsync(TestMedia.Backgrounds()[0], 1280, 720, filter, await LogoPngAsync());
        var detector = new LocalLogoDetector(Matcher, NullLogger<LocalLogoDetector>.Instance);
        var bottomLeft = DetectionContext.Empty with { Logos = [await LogoAsync()], LogoRegions = [new BoundingBox(0, 0.6, 0.4, 0.4)] };
        var topRight = bottomLeft with { LogoRegions = [new BoundingBox(0.6, 0, 0.4, 0.4)] };

        (await detector.DetectAsync(new DetectionFrame(image), bottomLeft, CancellationToken.None)).Should().BeEmpty();
        (await detector.DetectAsync(new DetectionFrame(image), topRight, CancellationToken.None)).Should().ContainSingle();
    }

    [Fact]
    public void A_flat_picture_is_refused_as_a_template()
    {
        var flat = new RgbImage(100, 40, Enumerable.Repeat((byte)128, 100 * 40 * 3).ToArray());

        var act = () => LogoTemplate.Create(flat, new LocalLogoOptions());

        act.Should().Throw<LogoTemplateException>().WithMessage("*nearly*");
    }

    [Fact]
    public void Too_small_and_too_large_templates_are_refused()
    {
        var options = new LocalLogoOptions();

        ((Action)(() => LogoTemplate.Create(new RgbImage(8, 40, new byte[8 * 40 * 3]), options))).Should().Throw<LogoTemplateException>().WithMessage("*at least 12*");
        ((Action)(() => LogoTemplate.Create(new RgbImage(500, 40, new byte[500 * 40 * 3]), options))).Should().Throw<LogoTemplateException>().WithMessage("*at most 400*");
    }

    [Fact]
    public void The_plain_background_of_a_logo_is_ignored_when_matching()
    {
        // A bright square on a black (transparent, once decoded) canvas: only the square is logo.
        var pixels = new byte[40 * 40 * 3];
        for (var y = 10; y < 30; y++)
        {
            for (var x = 10; x < 30; x++)
            {
                var i = ((y * 40) + x) * 3;
                pixels[i] = (byte)(60 + (x * 6));
                pixels[i + 1] = (byte)(40 + (y * 6));
                pixels[i + 2] = (byte)(x * y % 200);
            }
        }

        var template = LogoTemplate.Create(new RgbImage(40, 40, pixels), new LocalLogoOptions());

        template.LogoShare.Should().BeApproximately(0.25, 0.01);
    }

    [Fact]
    public async Task An_upload_is_resized_to_its_width_on_air_and_validated()
    {
        var codec = new FfmpegImageCodec(Options.Create(new FfmpegOptions()));
        var preparer = new LogoUploadPreparer(codec, Matcher);
        var upload = await TestMedia.PngAsync(LogoGraph.Replace("s=150x60", "s=300x120", StringComparison.Ordinal));

        var template = await preparer.PrepareAsync(upload, 150, CancellationToken.None);
        var flat = async () => await preparer.PrepareAsync(await TestMedia.PngAsync("color=c=gray:s=100x50"), null, CancellationToken.None);
        var garbage = async () => await preparer.PrepareAsync("not an image"u8.ToArray(), null, CancellationToken.None);

        template.Width.Should().Be(150);
        template.Height.Should().Be(60);
        await flat.Should().ThrowAsync<LogoTemplateException>();
        await garbage.Should().ThrowAsync<ImageFormatException>();
    }

    internal static async Task<byte[]> LogoPngAsync() => await TestMedia.PngAsync(LogoGraph);

    internal static async Task<KnownLogo> LogoAsync() => new("gtv", "GTV Sports", await TestMedia.DecodeAsync(await LogoPngAsync()));

    private static async Task<IReadOnlyList<FrameDetection>> DetectAsync(RgbImage image, KnownLogo logo)
    {
        var detector = new LocalLogoDetector(Matcher, NullLogger<LocalLogoDetector>.Instance);
        return await detector.DetectAsync(new DetectionFrame(image), DetectionContext.Empty with { Logos = [logo] }, CancellationToken.None);
    }
}
