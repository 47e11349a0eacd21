using Glance.Detection.Local.Faces;
using Glance.Detection.Local.Faces.Evaluation;
using Glance.Inference.Nn;
using Glance.Media.Frames;
using Glance.Media.Images;
using Glance.Media.Processes;
namespace Glance.Benchmarks.Faces;

/// <summary>
/// Face recall and false positives on real photographs marked by hand (Tests/Fixtures/Faces/marked-faces.json: face-api's
/// demo group photos, opencv-doc's messi5.jpg and basketball1.png, and opencv-doc photos without people), decoded as
/// a frame would be (long side at most 1280), for the whole-image detector alone (before issue 13) and with the
/// small-face tile passes; the detection time per 1280x720 frame of each; and how well descriptors of the found faces
/// keep people apart (same person at two image scales, and the one woman in two photos, against different people).
/// Part of the <c>faces</c> benchmark.
/// </summary>
internal static class FaceRecallMeasurement
{
    private const int FrameLongSide = 1280;

    public static async Task RunAsync(BenchmarkReport report, FaceModels models, FfmpegImageCodec codec, CancellationToken cancellationToken)
    {
        var root = RepositoryRoot.Find();
        var defaults = new LocalModelOptions();
        var marked = MarkedFaceSet.Parse(await File.ReadAllTextAsync(Path.Combine(root, "Tests", "Fixtures", "Faces", "marked-faces.json"), cancellationToken));
        var demo = Path.GetFullPath(Path.Combine(FaceModelLocator.ResolveFaceApiFolder(defaults, root), "..", "demo"));
        var sources = new Dictionary<string, string> { ["face-api-demo"] = demo, ["opencv-examples"] = "/usr/share/doc/opencv-doc/examples" };
        var photos = new List<(MarkedImage Marked, RgbImage Image)>();
        foreach (var image in marked.Images)
        {
            var encoded = await File.ReadAllBytesAsync(image.FilePath(sources), cancellationToken);
            photos.Add((image, await codec.DecodeAsync(encoded, new ImageDecodeLimits(MaxLongSide: FrameLongSide), cancellationToken)));
        }

        var frames = new List<RgbImage>();
        foreach (var sample in new[] { "sample1.jpg", "sample3.jpg", "sample6.jpg" })
        {
            var encoded = await File.ReadAllBytesAsync(Path.Combine(demo, sample), cancellationToken);
            frames.Add(FaceBenchmark.CropCenter(await codec.DecodeAsync(encoded, new ImageDecodeLimits(MaxLongSide: 1280), cancellationToken), 1280, 720));
        }

        report.Add("marked photos", photos.Count, "photos");
        report.Add("marked faces", photos.Sum(p => p.Marked.Faces.Count), "faces");
        report.Add("of which hard (small, profile, turned down)", photos.Sum(p => p.Marked.Faces.Count(f => f.Hard)), "faces");

        var tiny = defaults with { FaceDetector = FaceDetectorKind.TinyFaceDetector };
        var before = tiny with { SmallFaceTileRows = 0 };
        (string Label, LocalModelOptions Options)[] variants =
        [
            ("before: TinyFaceDetector, whole image at 416", before),
            ("TinyFaceDetector + 1 row of tiles at 416", tiny with { SmallFaceTileRows = 1, SmallFaceTileInputSize = 416 }),
            ("TinyFaceDetector + 1 row of tiles at 352", tiny with { SmallFaceTileRows = 1, SmallFaceTileInputSize = 352 }),
            ("TinyFaceDetector + 1 row of tiles at 416, scores >= 0.3", tiny with { SmallFaceTileRows = 1, FaceScoreThreshold = 0.3f, SmallFaceScoreThreshold = 0.3f }),
            ($"after (default): BlazeFace 256, boxes grown {defaults.BlazeFaceBoxGrowth}x", defaults),
            ("BlazeFace 256, boxes as detected", defaults with { BlazeFaceBoxGrowth = 1.0 }),
            ("BlazeFace 256, scores >= 0.75", defaults with { FaceScoreThreshold = 0.75f }),
        ];
        var iterations = report.Quick ? 3 : 12;
        foreach (var (label, options) in variants)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var detector = FaceAnalyzer.BoxDetector(models, options);
            var scores = photos.Select(p => FaceDetectionScorer.Score(p.Marked, p.Image.Width, detector.Detect(p.Image, cancellationToken))).ToList();
            var summary = FaceRecallSummary.Of(scores);
            report.Add($"{label}: recall, all {summary.Marked} marked faces", summary.Recall, "fraction");
            report.Add($"{label}: recall, {summary.MarkedHard} hard faces", summary.HardRecall, "fraction");
            report.Add($"{label}: false positives, all {summary.Images} photos", summary.FalsePositives, "boxes");
            report.Add($"{label}: messi5.jpg face found", scores.Single(s => s.Image.EndsWith("messi5.jpg", StringComparison.Ordinal)).Found, "faces");
            foreach (var score in scores)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {score.Image}: {score.Found}/{score.Marked} found ({score.FoundHard}/{score.MarkedHard} hard), {score.FalsePositives} false positive(s) {string.Join(' ', score.FalsePositiveBoxes.Select(Describe))}"));
            }

            var (wall, cpu) = TimeDetection(detector, frames, iterations, cancellationToken);
            report.Add($"{label}: detection per 1280x720 frame, median (wall, {NnParallel.MaxDegreeOfParallelism} cores)", wall, "ms");
            report.Add($"{label}: detection per 1280x720 frame, CPU time on 1 thread, median", cpu, "ms");
        }

        var halfScale = new List<(MarkedImage Marked, RgbImage Image)>();
        foreach (var (image, full) in photos.Where(p => p.Marked.Faces.Count > 0))
        {
            var encoded = await File.ReadAllBytesAsync(image.FilePath(sources), cancellationToken);
            var half = await codec.DecodeAsync(encoded, new ImageDecodeLimits(MaxLongSide: FrameLongSide / 2), cancellationToken);
            if (half.Width != full.Width)
            {
                halfScale.Add((image, half));
            }
        }

        foreach (var (label, options) in new[] { ("before (TinyFaceDetector)", before), ("TinyFaceDetector + tiles", tiny), ("after (BlazeFace)", defaults), ("BlazeFace, boxes as detected", defaults with { BlazeFaceBoxGrowth = 1.0 }), ("BlazeFace, boxes grown 1.4x", defaults with { BlazeFaceBoxGrowth = 1.4 }) })
        {
            var separation = DescriptorSeparation.Measure(Describe(models, options, [.. photos, .. halfScale], cancellationToken), FaceGallery.DefaultMaxDistance);
            var threshold = string.Create(CultureInfo.InvariantCulture, $"{FaceGallery.DefaultMaxDistance}");
            report.Add($"{label}: same-person pairs (one face at {FrameLongSide} and {FrameLongSide / 2} px, one woman in two photos)", separation.SamePairs, "pairs");
            report.Add($"{label}: same-person distance, mean", separation.SameMean, "euclidean");
            report.Add($"{label}: same-person distance, max", separation.SameMax, "euclidean", $"<= {threshold}", separation.SameMax <= FaceGallery.DefaultMaxDistance);
            report.Add($"{label}: different-person pairs (two faces of one photo)", separation.DifferentPairs, "pairs");
            report.Add($"{label}: different-person distance, mean", separation.DifferentMean, "euclidean");
            report.Add($"{label}: different-person distance, min", separation.DifferentMin, "euclidean", $"> {threshold}", separation.DifferentMin > FaceGallery.DefaultMaxDistance);
        }
    }

    /// <summary>Descriptors of the marked faces each photo's detector found, from the detector's own box (as in the pipeline).</summary>
    private static List<DescribedMarkedFace> Describe(FaceModels models, LocalModelOptions options, IEnumerable<(MarkedImage Marked, RgbImage Image)> photos, CancellationToken cancellationToken)
    {
        var detector = FaceAnalyzer.BoxDetector(models, options);
        var analyzer = new FaceAnalyzer(models, Options.Create(options));
        var described = new List<DescribedMarkedFace>();
        foreach (var (marked, image) in photos)
        {
            var score = FaceDetectionScorer.Score(marked, image.Width, detector.Detect(image, cancellationToken));
            for (var i = 0; i < score.Matches.Count; i++)
            {
                if (score.Matches[i] is { } face && Math.Min(face.Width, face.Height) >= options.MinDescribedFaceSize
                    && analyzer.Describe(image, face).Descriptor is { } descriptor)
                {
                    described.Add(new DescribedMarkedFace(marked.Name, i, marked.Faces[i].Person, Math.Max(image.Width, image.Height), descriptor));
                }
            }
        }

        return described;
    }

    private static string Describe(DetectedFace face) =>
        string.Create(CultureInfo.InvariantCulture, $"[{face.X:F0} {face.Y:F0} {face.Width:F0}x{face.Height:F0} {face.Score:F2}]");

    private static (double Wall, double SingleThreadCpu) TimeDetection(IFaceBoxDetector detector, List<RgbImage> frames, int iterations, CancellationToken cancellationToken)
    {
        for (var i = 0; i < frames.Count; i++)
        {
            detector.Detect(frames[i], cancellationToken);
        }

        var wall = new double[iterations];
        var cpu = new double[iterations];
        var cores = NnParallel.MaxDegreeOfParallelism;
        for (var i = 0; i < iterations; i++)
        {
            var frame = frames[i % frames.Count];
            var clock = Stopwatch.StartNew();
            detector.Detect(frame, cancellationToken);
            wall[i] = clock.Elapsed.TotalMilliseconds;
            NnParallel.MaxDegreeOfParallelism = 1;
            try
            {
                var before = Process.GetCurrentProcess().TotalProcessorTime;
                detector.Detect(frame, cancellationToken);
                cpu[i] = (Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds;
            }
            finally
            {
                NnParallel.MaxDegreeOfParallelism = cores;
            }
        }

        return (Percentiles.Of(wall, 50), Percentiles.Of(cpu, 50));
    }
}
