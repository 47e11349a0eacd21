using Glance.Detection;
using Glance.Detection.Local.Text;
using Microsoft.Extensions.Options;
using Glance.Tests.Infrastructure;

namespace Glance.Tests.Text;

public sealed class ReadCropCacheTests
{
    [Fact]
    public async Task Text_read_once_is_remembered_and_not_sent_to_tesseract_again()
    {
        var image = await TestMedia.RenderAsync(TestMedia.Backgrounds()[0], 1280, 720, TestMedia.Scoreboard("POR 1 - 0 SAN", 720, out _));
        var options = Options.Create(new LocalTextOptions());
        var recognizer = new TextRecognizer(new TesseractTextReader(new TesseractEngine(options), options, TestMeters.Text()));
        using var reads = CropReads();

        var first = await recognizer.RecognizeSharedAsync(new DetectionFrame(image), DetectionContext.Empty, CancellationToken.None);
        var afterFirst = (Tesseract: reads["tesseract"], Cache: reads["cache"]);
        var second = await recognizer.RecognizeSharedAsync(new DetectionFrame(image), DetectionContext.Empty, CancellationToken.None);
        var afterSecond = (Tesseract: reads["tesseract"], Cache: reads["cache"]);

        afterFirst.Tesseract.Should().BeGreaterThan(0);
        (afterSecond.Tesseract - afterFirst.Tesseract).Should().Be(0, "every crop of the second, identical frame was read before");
        (afterSecond.Cache - afterFirst.Cache).Should().Be(afterFirst.Tesseract + afterFirst.Cache);
        second.Lines.Select(l => l.Text).Should().Equal(first.Lines.Select(l => l.Text));
        second.Lines.Should().Contain(l => l.Text.Contains("POR", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_the_cache_off_every_frame_is_read()
    {
        var image = await TestMedia.RenderAsync(TestMedia.Backgrounds()[0], 640, 360, TestMedia.Scoreboard("POR 1 - 0 SAN", 360, out _));
        var options = Options.Create(new LocalTextOptions { ReadCropCacheSize = 0 });
        var recognizer = new TextRecognizer(new TesseractTextReader(new TesseractEngine(options), options, TestMeters.Text()));
        using var reads = CropReads();

        await recognizer.RecognizeSharedAsync(new DetectionFrame(image), DetectionContext.Empty, CancellationToken.None);
        var afterFirst = (Tesseract: reads["tesseract"], Cache: reads["cache"]);
        await recognizer.RecognizeSharedAsync(new DetectionFrame(image), DetectionContext.Empty, CancellationToken.None);

        reads["tesseract"].Should().Be(2 * afterFirst.Tesseract);
    }

    private static MeasurementCounter CropReads() => new("glance.text.crop_reads", "source");
}
