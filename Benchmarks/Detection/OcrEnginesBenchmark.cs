using Glance.Detection;
using Glance.Detection.Local.Teams;
using Glance.Detection.Local.Text;
using Glance.Detection.Local.Text.PaddleOcr;
using Glance.Media.Frames;
namespace Glance.Benchmarks.Detection;

/// <summary>
/// "ocr": PP-OCRv4 on ONNX Runtime against Tesseract on the labelled frame set (<see cref="OcrFrameSet"/>): character
/// error rate, team-name recall, texts reported on frames with no text, time per 720p frame (each frame read cold, and
/// a static scoreboard over moving video with the caches on).
/// </summary>
public sealed class OcrEnginesBenchmark : IBenchmark
{
    private const double RecallTarget = 0.95;
    private const double FrameTargetMs = 150;

    public string Name => "ocr";

    public string Description => "text engines (PP-OCRv4 on ONNX Runtime, Tesseract): CER, team-name recall, false texts, ms per 720p frame; targets recall >= 0.95, <= 150 ms";

    public async Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken)
    {
        var graphics = await OcrFrameSet.GraphicsAsync(cancellationToken);
        var textFree = await OcrFrameSet.TextFreeAsync(cancellationToken);
        var realText = await OcrFrameSet.RealTextAsync(cancellationToken);
        var video = await OcrFrameSet.ScoreboardOverVideoAsync(report.Quick ? 6 : 20, cancellationToken);
        report.Add($"labelled frames: generated graphics (1280x720; {Environment.ProcessorCount} cores)", graphics.Count, "frames");
        report.Add("labelled frames: no text", textFree.Count, "frames");
        report.Add("labelled frames: real text", realText.Count, "frames");

        var cold = new LocalTextOptions { ReadCropCacheSize = 0, RegionCacheSize = 0 };
        using var networks = PaddleOcrNetworks.Load(cold, AppContext.BaseDirectory);
        foreach (var engine in Enum.GetValues<TextEngine>())
        {
            var name = engine == TextEngine.PaddleOcr ? "PP-OCRv4" : "Tesseract";
            var uncached = Engine(engine, cold, networks);
            var (cer, recall, times) = await ScoreAsync(uncached, graphics, cancellationToken);
            report.Add($"{name}: character error rate, generated graphics (case and spaces ignored)", cer, "ratio");
            report.Add($"{name}: team-name recall, generated graphics", recall, "ratio", $">= {RecallTarget}", recall >= RecallTarget);
            report.Add($"{name}: ms per 720p frame, every frame read cold (median)", Percentiles.Of(times, 50), "ms", $"<= {FrameTargetMs}", Percentiles.Of(times, 50) <= FrameTargetMs);
            report.Add($"{name}: ms per 720p frame, every frame read cold (p95)", Percentiles.Of(times, 95), "ms");

            var falseTexts = 0;
            var framesWithText = 0;
            foreach (var frame in textFree)
            {
                var found = await uncached.Detector.DetectAsync(new DetectionFrame(frame.Image), DetectionContext.Empty, cancellationToken);
                falseTexts += found.Count;
                framesWithText += found.Count > 0 ? 1 : 0;
            }

            report.Add($"{name}: texts reported on {textFree.Count} frames with no text", falseTexts, "texts");
            report.Add($"{name}: frames with no text that got a text", framesWithText, "frames");

            var (realCer, realRecall, _) = await ScoreAsync(uncached, realText, cancellationToken);
            report.Add($"{name}: character error rate, book page straight and rotated (4 labelled lines each)", realCer, "ratio");
            report.Add($"{name}: word recall, book page straight and rotated (16 labelled words each)", realRecall, "ratio");

            var cached = Engine(engine, new LocalTextOptions(), networks);
            var steady = new double[video.Count];
            for (var i = 0; i < video.Count; i++)
            {
                var stopwatch = Stopwatch.StartNew();
                await cached.Detector.DetectAsync(new DetectionFrame(video[i]), DetectionContext.Empty, cancellationToken);
                steady[i] = stopwatch.Elapsed.TotalMilliseconds;
            }

            report.Add($"{name}: ms per 720p frame, static scoreboard over moving video, caches on (mean of {video.Count}, first frame included)", steady.Average(), "ms", $"<= {FrameTargetMs}", steady.Average() <= FrameTargetMs);
        }
    }

    private static (TextRecognizer Recognizer, LocalTextDetector Detector) Engine(TextEngine engine, LocalTextOptions settings, PaddleOcrNetworks networks)
    {
        var options = Options.Create(settings);
        ITextReader reader = engine == TextEngine.PaddleOcr
            ? new PaddleOcrTextReader(networks, options, new TextMetrics(BenchmarkMeters.Factory))
            : new TesseractTextReader(new TesseractEngine(options), options, new TextMetrics(BenchmarkMeters.Factory));
        var recognizer = new TextRecognizer(reader);
        return (recognizer, new LocalTextDetector(recognizer, options));
    }

    /// <returns>Mean character error rate over the labelled lines (each against the closest line read), the share of labelled words read as words, and each frame's time.</returns>
    private static async Task<(double Cer, double Recall, double[] Times)> ScoreAsync(
        (TextRecognizer Recognizer, LocalTextDetector Detector) engine, IReadOnlyList<LabelledFrame> frames, CancellationToken cancellationToken)
    {
        var errors = new List<double>();
        var found = 0;
        var wanted = 0;
        var times = new double[frames.Count];
        for (var f = 0; f < frames.Count; f++)
        {
            var frame = new DetectionFrame(frames[f].Image);
            var stopwatch = Stopwatch.StartNew();
            var text = await engine.Recognizer.RecognizeSharedAsync(frame, DetectionContext.Empty, cancellationToken);
            await engine.Detector.DetectAsync(frame, DetectionContext.Empty, cancellationToken);
            times[f] = stopwatch.Elapsed.TotalMilliseconds;

            var readLines = text.Lines.Select(l => Squeeze(l.Text)).ToList();
            foreach (var line in frames[f].Lines.Select(Squeeze))
            {
                errors.Add(readLines.Count == 0 ? 1 : readLines.Min(read => CharacterErrorRate(line, read)));
            }

            var words = text.Words.Select(w => TextFolding.Fold(w.Text).Trim('.', ',', ':', ';', '!', '?', '(', ')')).ToHashSet(StringComparer.Ordinal);
            wanted += frames[f].Teams.Count;
            found += frames[f].Teams.Count(t => words.Contains(TextFolding.Fold(t)));
            if (Environment.GetEnvironmentVariable("GLANCE_OCR_MISSES") == "1" && frames[f].Teams.Any(t => !words.Contains(TextFolding.Fold(t))))
            {
                Console.WriteLine($"    missed {string.Join(", ", frames[f].Teams.Where(t => !words.Contains(TextFolding.Fold(t))))} in frame {f} ({frames[f].Name}); read: {string.Join(" | ", text.Lines.Select(l => l.Text))}");
            }
        }

        return (errors.Count == 0 ? 0 : errors.Average(), wanted == 0 ? 0 : (double)found / wanted, times);
    }

    private static string Squeeze(string text) => string.Concat(TextFolding.Fold(text).Where(c => !char.IsWhiteSpace(c)));

    private static double CharacterErrorRate(string expected, string read) =>
        Math.Min(1, Levenshtein(expected, read) / (double)Math.Max(1, expected.Length));

    private static int Levenshtein(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
