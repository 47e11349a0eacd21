using Glance.Demo.Channel;
using Glance.Detection;
using Glance.Detection.Local.Objects;
using Glance.Media.Analysis;
using Glance.Media.Frames;
using Glance.Media.Images;
using Glance.Media.Processes;
using Glance.Media.Signals;
using Glance.Media.Timing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Glance.Benchmarks.Objects;

/// <summary>
/// Which labels CenterNet reports, and how sure it is, where nobody marked objects: one programme cycle of the demo
/// channel (encoded by the channel's own ffmpeg command, sampled as the pipeline samples it) and the test photos
/// (opencv-doc, face-api's demo photos). Per label: frames or photos with it above human's 0.2 and above the default
/// <c>MinLabelConfidence</c> 0.4, and the highest score, split by what the channel showed; and synthetic pictures (black,
/// black with the channel's noise, grey, the channel's background) that tell which part of a picture a label comes
/// from. Each photo also runs with red and blue swapped: if the network had been trained on BGR, real photos would
/// score their objects higher that way.
/// </summary>
public sealed class ObjectLabelsMeasurement : IBenchmark
{
    private const float HumanMinScore = 0.2f;
    private const float DefaultMinScore = 0.4f;
    private const string OpenCvData = "/usr/share/doc/opencv-doc/examples/data";

    /// <summary>The one real cat photograph on the machine (opencv-doc's tutorial picture, a kitten under a drawn box).</summary>
    private const string OpenCvCat = "/usr/share/doc/opencv-doc/opencv4/html/cat_det.jpg";

    public string Name => "object-labels";

    public string Description => "CenterNet's labels and scores over one demo channel cycle and the test photos, RGB and BGR (finding false labels)";

    public async Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var network = CenterNetNetwork.Load(new ObjectDetectionOptions(), contentRoot: null);
        var codec = new FfmpegImageCodec(Options.Create(new FfmpegOptions()));

        Console.WriteLine("  photos (label score, RGB | BGR):");
        var photoLabels = new List<(string Label, float Score, bool Swapped)>();
        var blackPhotos = 0;
        foreach (var path in Photos())
        {
            var image = await codec.DecodeAsync(await File.ReadAllBytesAsync(path, cancellationToken), ImageDecodeLimits.Default, cancellationToken);
            blackPhotos += BlackPicture.Is(image) ? 1 : 0;
            var rgb = Objects(network, image, cancellationToken);
            var bgr = Objects(network, SwapRedBlue(image), cancellationToken);
            photoLabels.AddRange(rgb.Select(o => (o.Label, o.Score, false)));
            photoLabels.AddRange(bgr.Select(o => (o.Label, o.Score, true)));
            Console.WriteLine($"    {Path.GetFileName(path)}: {Describe(rgb)} | {Describe(bgr)}");
        }

        report.Add("photos the label detector would skip as black", blackPhotos, "photos");
        Summarize(report, "photos, RGB", photoLabels.Where(l => !l.Swapped).Select(l => (l.Label, l.Score)).ToList(), "photos");
        Summarize(report, "photos, BGR", photoLabels.Where(l => l.Swapped).Select(l => (l.Label, l.Score)).ToList(), "photos");

        // The channel's black frames are black plus faint temporal noise (so the video PID keeps sending): the same
        // pictures made directly, and the plain ones beside them, tell the noise from the blackness.
        foreach (var (label, source) in SyntheticPictures)
        {
            var scores = new List<List<DetectedObject>>();
            foreach (var picture in await SyntheticFramesAsync(source, report.Quick ? 3 : 25, cancellationToken))
            {
                scores.Add(Objects(network, picture, cancellationToken));
            }

            Console.WriteLine($"  {label}: " + string.Join("; ", scores.Select(Describe)));
            Summarize(report, $"synthetic, {label}", scores.SelectMany(o => o).Select(o => (o.Label, o.Score)).ToList(), "frames");
            report.Add($"synthetic, {label}: frames", scores.Count, "frames");
        }

        var frames = await DemoFramesAsync(report.Quick ? 3 : 11, report.Quick ? 1 : 5, cancellationToken);
        Console.WriteLine($"  demo channel: {frames.Count} frames");
        var demoLabels = new List<(string Label, float Score, string Showing)>();
        foreach (var (moment, image) in frames)
        {
            var showing = Showing(moment);
            var objects = Objects(network, image, cancellationToken);
            demoLabels.AddRange(objects.Select(o => (o.Label, o.Score, showing)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {moment?.Phase.TotalSeconds,5:F1} s {showing}: {Describe(objects)}"));
        }

        report.Add("demo channel: frames", frames.Count, "frames");
        foreach (var group in frames.GroupBy(f => Showing(f.Moment)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            // What the label detector's black-frame skip (on by default) takes out of each kind of picture.
            report.Add($"demo channel, {group.Key}: frames the label detector skips as black", group.Count(f => BlackPicture.Is(f.Image)), "frames");
        }

        foreach (var group in demoLabels.GroupBy(l => l.Showing).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            report.Add($"demo channel, {group.Key}: frames", frames.Count(f => Showing(f.Moment) == group.Key), "frames");
            Summarize(report, $"demo channel, {group.Key}", group.Select(l => (l.Label, l.Score)).ToList(), "frames");
        }
    }

    /// <summary>Objects as the label detector reports them, down to human's threshold (our default drops below 0.4).</summary>
    private static List<DetectedObject> Objects(CenterNetNetwork network, RgbImage image, CancellationToken cancellationToken) =>
        CenterNetDecoder.Decode(network.Analyze(image, cancellationToken).Candidates, HumanMinScore, new ObjectDetectionOptions().MaxObjects, new ObjectDetectionOptions().IouThreshold);

    private static string Describe(List<DetectedObject> objects) =>
        objects.Count == 0 ? "-" : string.Join(", ", objects.Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Label} {o.Score:F3}")));

    private static void Summarize(BenchmarkReport report, string scope, List<(string Label, float Score)> labels, string unit)
    {
        foreach (var label in labels.GroupBy(l => l.Label).OrderByDescending(g => g.Max(l => l.Score)))
        {
            report.Add($"{scope}: '{label.Key}' above {HumanMinScore}", label.Count(), unit);
            report.Add($"{scope}: '{label.Key}' above {DefaultMinScore}", label.Count(l => l.Score > DefaultMinScore), unit);
            report.Add($"{scope}: '{label.Key}' highest score", label.Max(l => l.Score), "score");
        }
    }

    /// <summary>ffmpeg lavfi sources at the channel's 640x360; the noise is the channel's own black-frame filter.</summary>
    private static (string Label, string Source)[] SyntheticPictures =>
    [
        ("flat black", "color=black:s=640x360:r=25"),
        ("black + the channel's noise (alls=6, temporal)", "color=black:s=640x360:r=25,format=yuv420p,noise=alls=6:allf=t"),
        ("black + stronger noise (alls=20, temporal)", "color=black:s=640x360:r=25,format=yuv420p,noise=alls=20:allf=t"),
        ("flat dark grey (0x202020)", "color=0x202020:s=640x360:r=25"),
        ("the channel's green gradient alone", "gradients=s=640x360:r=25:c0=0x1f7a34:c1=0x2e9e48:speed=0.02:seed=1"),
    ];

    private static async Task<List<RgbImage>> SyntheticFramesAsync(string source, int count, CancellationToken cancellationToken)
    {
        const int width = 640, height = 360;
        var request = new ChildProcessRequest("ffmpeg", ["-hide_banner", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", source, "-frames:v", count.ToString(CultureInfo.InvariantCulture), "-pix_fmt", "rgb24", "-f", "rawvideo", "pipe:1"]);
        var result = await ChildProcess.RunCheckedAsync(request, cancellationToken);
        var frameBytes = width * height * 3;
        return [.. Enumerable.Range(0, result.StandardOutput.Length / frameBytes).Select(i => new RgbImage(width, height, result.StandardOutput.AsMemory(i * frameBytes, frameBytes)))];
    }

    private static string Showing(ProgrammeMoment? moment) => moment switch
    {
        null => "unknown",
        { Black: true } => "black",
        { PresenterShown: true, ScoreboardShown: true } => "presenter + scoreboard",
        { PresenterShown: true } => "presenter",
        { ScoreboardShown: true } or { OtherTeamsShown: true } => "scoreboard",
        _ => "pitch and logo only",
    };

    private static RgbImage SwapRedBlue(RgbImage image)
    {
        var pixels = image.Pixels.ToArray();
        for (var i = 0; i + 2 < pixels.Length; i += 3)
        {
            (pixels[i], pixels[i + 2]) = (pixels[i + 2], pixels[i]);
        }

        return new RgbImage(image.Width, image.Height, pixels);
    }

    private static IEnumerable<string> Photos()
    {
        if (Directory.Exists(OpenCvData))
        {
            foreach (var file in Directory.EnumerateFiles(OpenCvData).Where(f => f.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".png", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal))
            {
                yield return file;
            }
        }

        if (File.Exists(OpenCvCat))
        {
            yield return OpenCvCat;
        }

        var demo = Path.Combine(RepositoryRoot.Find(), "node_modules", "@vladmandic", "face-api", "demo");
        if (Directory.Exists(demo))
        {
            foreach (var file in Directory.EnumerateFiles(demo, "*.jpg").Order(StringComparer.Ordinal))
            {
                yield return file;
            }
        }
    }

    /// <summary>
    /// The demo channel run for <paramref name="segments"/> 6 s segments (a 60 s cycle needs 11 to cover every phase),
    /// each sampled at <paramref name="fps"/> by the pipeline's segment analyzer, with what the programme showed at each frame.
    /// </summary>
    private static async Task<List<(ProgrammeMoment? Moment, RgbImage Image)>> DemoFramesAsync(int segments, double fps, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"glance-object-labels-{Guid.NewGuid():N}");
        var channel = new SyntheticChannel(Options.Create(new SyntheticChannelOptions { OutputFolder = folder, ListSize = 100 }), NullLogger<SyntheticChannel>.Instance);
        try
        {
            await channel.StartAsync(cancellationToken);
            var playlist = await channel.WaitForSegmentsAsync(segments, TimeSpan.FromSeconds(30 + (segments * 8)), cancellationToken);
            var analyzer = new SegmentAnalyzer(Options.Create(new FfmpegOptions()), Options.Create(new SegmentAnalysisOptions()));
            var frames = new List<(ProgrammeMoment?, RgbImage)>();
            foreach (var segment in playlist.Segments)
            {
                var bytes = await File.ReadAllBytesAsync(segment.Uri.LocalPath, cancellationToken);
                var request = new SegmentAnalysisRequest(new SegmentMedia(bytes), new SegmentTiming(0, 0), StreamAnalysisState.Start(null))
                {
                    Sampling = new SamplingOptions { FramesPerSecond = fps },
                    Signals = SignalOptions.Default,
                };
                var analysis = await analyzer.AnalyzeAsync(request, framesReady: null, cancellationToken);
                var first = analysis.Frames.Count > 0 ? analysis.Frames[0].Pts : 0;
                foreach (var frame in analysis.Frames)
                {
                    var at = segment.ProgramDateTime?.AddSeconds((frame.Pts - first) / (double)Pts.TicksPerSecond);
                    frames.Add((at is { } time ? channel.ProgrammeAt(time) : null, frame.Image));
                }
            }

            return frames;
        }
        finally
        {
            await channel.DisposeAsync();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
