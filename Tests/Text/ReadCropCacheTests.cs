using System.Diagnostics.Metrics;
using Glance.Detection;
using Glance.Detection.Local.Text;
using Microsoft.Extensions.Options;

namespace Glance.Tests.Text;

public sealed class ReadCropCacheTests
{
    [Fact]
    public async Task Text_read_once_is_remembered_and_not_sent_to_tesseract_again()
    {
        var image = await TestMedia.RenderAsync(TestMedia.Backgrounds()[0], 1280, 720, TestMedia.Scoreboard("POR 1 - 0 SAN", 720, out _));
        var options = Options.Create(new LocalTextOptions());
        var recognizer = new TextRecognizer(new TesseractEngine(options), options);
        using var reads = new CropReadCounter();

        var first = await recognizer.RecognizeSharedAsync(new DetectionFrame(image), DetectionContext.Empty, CancellationToken.None);
        var afterFirst = reads.Snapshot();
        var second = await recognizer.RecognizeSharedAsync(new DetectionFrame(image), DetectionContext.Empty, CancellationToken.None);
        var afterSecond = reads.Snapshot();

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
        var recognizer = new TextRecognizer(new TesseractEngine(options), options);
        using var reads = new CropReadCounter();

        await recognizer.RecognizeSharedAsync(new DetectionFrame(image), DetectionContext.Empty, CancellationToken.None);
        var afterFirst = reads.Snapshot();
        await recognizer.RecognizeSharedAsync(new DetectionFrame(image), DetectionContext.Empty, CancellationToken.None);

        reads.Snapshot().Tesseract.Should().Be(2 * afterFirst.Tesseract);
    }

    /// <summary>Counts the crop reads of this test.s own calls (an async-local flag tells them from parallel tests.).</summary>
    private sealed class CropReadCounter : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly AsyncLocal<bool> mine = new() { Value = true };
        private long tesseract;
        private long cache;

        public CropReadCounter()
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "glance.text.crop_reads")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                if (!mine.Value)
                {
                    return;
                }

                foreach (var tag in tags)
                {
                    if (tag.Key == "source")
                    {
                        if ((string?)tag.Value == "tesseract")
                        {
                            Interlocked.Add(ref tesseract, value);
                        }
                        else
                        {
                            Interlocked.Add(ref cache, value);
                        }
                    }
                }
            });
            listener.Start();
        }

        public (long Tesseract, long Cache) Snapshot() => (Interlocked.Read(ref tesseract), Interlocked.Read(ref cache));

        public void Dispose() => listener.Dispose();
    }
}
