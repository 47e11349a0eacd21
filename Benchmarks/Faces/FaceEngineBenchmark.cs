using Glance.Detection.Local.Faces;
using Glance.Inference.Nn;
using Glance.Media.Frames;
using Glance.Media.Images;
using Glance.Media.Processes;

namespace Glance.Benchmarks.Faces;

/// <summary>
/// face-api's networks on each <see cref="FaceEngine"/> (ONNX Runtime and the managed C# engine), with one thread for
/// both (<see cref="NnParallel"/> degree 1, ONNX Runtime intra-op threads 1), on the faces BlazeFace finds in face-api's
/// demo photos: ms per face for landmarks, a descriptor alone and in a batch of 3 (as a frame's faces are described), a
/// whole 1280x720 frame (detect + up to 3 descriptors), and TinyFaceDetector's boxes for a 1280x720 frame (the whole
/// image at 416, alone and with the default row of small-face tiles). On a shared machine the
/// engines are measured alternately, round after round, the order swapped each round, so both see the same load;
/// each round's figure is a median over passes, and the report gives the median and range over rounds, of wall time and
/// of the process's CPU time (on one thread it barely depends on what else runs, where the wall clock does).
/// </summary>
public sealed class FaceEngineBenchmark : IBenchmark
{
    private static readonly FaceEngine[] Engines = [FaceEngine.Managed, FaceEngine.OnnxRuntime];

    public string Name => "face-engines";

    public string Description => "TinyFaceDetector, face landmarks and descriptors on ONNX Runtime vs the managed engine, 1 thread each, alternating rounds";

    public async Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var root = Directory.GetCurrentDirectory();
        var degree = NnParallel.MaxDegreeOfParallelism;
        NnParallel.MaxDegreeOfParallelism = 1;
        var loadMilliseconds = new Dictionary<FaceEngine, double>();
        var models = Engines.ToDictionary(e => e, e =>
        {
            var started = Stopwatch.GetTimestamp();
            var loaded = FaceModels.Load(new LocalModelOptions { Engine = e, FaceInferenceThreads = 1 }, root);
            loadMilliseconds[e] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return loaded;
        });
        try
        {
            report.Add("machine load average (1 min) at start", FaceBenchmark.LoadAverage(), "runnable threads");
            foreach (var (engine, milliseconds) in loadMilliseconds)
            {
                // On ONNX Runtime this includes building both models in memory and ONNX Runtime's graph optimization.
                report.Add($"{engine}: face models load (once, BlazeFace included)", milliseconds, "ms");
            }

            var inputs = await InputsAsync(models[FaceEngine.Managed], root, cancellationToken);
            Console.WriteLine($"  {inputs.Crops.Count} faces, {inputs.Frames.Count} frames; threads: NnParallel 1, ONNX Runtime intra-op 1");
            var analyzers = Engines.ToDictionary(e => e, e => new FaceAnalyzer(models[e], Options.Create(new LocalModelOptions { Engine = e })));
            var tiny = new LocalModelOptions { FaceDetector = FaceDetectorKind.TinyFaceDetector };
            var tinyWhole = Engines.ToDictionary(e => e, e => new MultiScaleFaceDetector(models[e].Detector, tiny with { SmallFaceTileRows = 0 }));
            var tinyTiled = Engines.ToDictionary(e => e, e => new MultiScaleFaceDetector(models[e].Detector, tiny));
            var measures = new (string Label, Func<FaceEngine, (double Wall, double Cpu)> PerFace)[]
            {
                ("landmarks, ms per face", e => PerFace(inputs.Crops.Count, () =>
                {
                    foreach (var (image, crop) in inputs.Crops)
                    {
                        models[e].Landmarks.Detect(image, crop);
                    }
                })),
                ("descriptor alone, ms per face", e => PerFace(inputs.Chips.Count, () =>
                {
                    foreach (var chip in inputs.Chips)
                    {
                        models[e].Recognition.Describe(chip);
                    }
                })),
                ("descriptors in batches of 3, ms per face", e => PerFace(inputs.Chips.Count / 3 * 3, () =>
                {
                    foreach (var batch in inputs.Chips.Chunk(3).Where(b => b.Length == 3))
                    {
                        models[e].Recognition.Describe(batch);
                    }
                })),
                ("1280x720 frame, detect + up to 3 descriptors, ms per frame", e => PerFace(inputs.Frames.Count, () =>
                {
                    foreach (var frame in inputs.Frames)
                    {
                        analyzers[e].Analyze(frame, maxDescribed: 3, cancellationToken);
                    }
                })),
                ("TinyFaceDetector, 1280x720 frame at 416, ms per frame", e => PerFace(inputs.Frames.Count, () =>
                {
                    foreach (var frame in inputs.Frames)
                    {
                        tinyWhole[e].Detect(frame, cancellationToken);
                    }
                })),
                ("TinyFaceDetector + 1 row of tiles, 1280x720 frame, ms per frame", e => PerFace(inputs.Frames.Count, () =>
                {
                    foreach (var frame in inputs.Frames)
                    {
                        tinyTiled[e].Detect(frame, cancellationToken);
                    }
                })),
            };

            // Warm-up: JIT tiers, ONNX Runtime's first-run allocations.
            foreach (var engine in Engines)
            {
                foreach (var (_, perFace) in measures)
                {
                    perFace(engine);
                }
            }

            var rounds = report.Quick ? 2 : 6;
            var results = measures.ToDictionary(m => m.Label, _ => Engines.ToDictionary(e => e, _ => new List<(double Wall, double Cpu)>()));
            for (var round = 0; round < rounds; round++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var (label, perFace) in measures)
                {
                    foreach (var engine in round % 2 == 0 ? Engines : Engines.Reverse())
                    {
                        results[label][engine].Add(perFace(engine));
                    }
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  round {round + 1}: ") + string.Join("; ", measures.Select(m =>
                    string.Create(CultureInfo.InvariantCulture, $"{m.Label}: managed {results[m.Label][FaceEngine.Managed][^1].Wall:F2} (CPU {results[m.Label][FaceEngine.Managed][^1].Cpu:F2}), ONNX {results[m.Label][FaceEngine.OnnxRuntime][^1].Wall:F2} (CPU {results[m.Label][FaceEngine.OnnxRuntime][^1].Cpu:F2})"))));
            }

            foreach (var (label, _) in measures)
            {
                foreach (var (kind, pick) in new (string, Func<(double Wall, double Cpu), double>)[] { ("wall", r => r.Wall), ("CPU", r => r.Cpu) })
                {
                    foreach (var engine in Engines)
                    {
                        var samples = results[label][engine].Select(pick).ToArray();
                        report.Add($"{engine}: {label} ({kind}), median of rounds", Percentiles.Of(samples, 50), "ms");
                        report.Add($"{engine}: {label} ({kind}), fastest round", samples.Min(), "ms");
                        report.Add($"{engine}: {label} ({kind}), slowest round", samples.Max(), "ms");
                    }

                    var ratios = results[label][FaceEngine.Managed].Zip(results[label][FaceEngine.OnnxRuntime], (m, o) => pick(m) / pick(o)).ToArray();
                    report.Add($"managed / ONNX Runtime: {label} ({kind}), median of rounds", Percentiles.Of(ratios, 50), "x");
                }
            }

            report.Add("machine load average (1 min) at end", FaceBenchmark.LoadAverage(), "runnable threads");
        }
        finally
        {
            NnParallel.MaxDegreeOfParallelism = degree;
            foreach (var loaded in models.Values)
            {
                loaded.Dispose();
            }
        }
    }

    /// <summary>Medians over passes of one pass's wall and CPU time divided by the items it handles.</summary>
    private static (double Wall, double Cpu) PerFace(int items, Action pass)
    {
        const int passes = 5;
        var wall = new double[passes];
        var cpu = new double[passes];
        for (var i = 0; i < passes; i++)
        {
            // getrusage (microseconds) rather than Process.TotalProcessorTime (clock ticks): a pass takes tens of ms.
            var cpuBefore = Environment.CpuUsage.TotalTime;
            var started = Stopwatch.GetTimestamp();
            pass();
            wall[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds / items;
            cpu[i] = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds / items;
        }

        return (Percentiles.Of(wall, 50), Percentiles.Of(cpu, 50));
    }

    /// <summary>Every face BlazeFace finds in the demo photos (at 640 px) with its crop and aligned chip, and 1280x720 frames of three of them.</summary>
    private static async Task<(List<(RgbImage Image, PixelRegion Crop)> Crops, List<float[]> Chips, List<RgbImage> Frames)> InputsAsync(FaceModels models, string root, CancellationToken cancellationToken)
    {
        var options = new LocalModelOptions();
        var codec = new FfmpegImageCodec(Options.Create(new FfmpegOptions()));
        var demo = Path.Combine(FaceModelLocator.ResolveFaceApiFolder(options, root), "..", "demo");
        var detector = FaceAnalyzer.BoxDetector(models, options);
        var crops = new List<(RgbImage, PixelRegion)>();
        var chips = new List<float[]>();
        var frames = new List<RgbImage>();
        foreach (var sample in new[] { "sample1.jpg", "sample2.jpg", "sample3.jpg", "sample4.jpg", "sample5.jpg", "sample6.jpg" })
        {
            var encoded = await File.ReadAllBytesAsync(Path.Combine(demo, sample), cancellationToken);
            var image = await codec.DecodeAsync(encoded, new ImageDecodeLimits(MaxLongSide: 640), cancellationToken);
            foreach (var face in detector.Detect(image, cancellationToken))
            {
                var crop = FaceAnalyzer.LandmarkCrop(image, face);
                if (!crop.IsEmpty)
                {
                    crops.Add((image, crop));
                    chips.Add(FaceAnalyzer.AlignedChip(image, models.Landmarks.Detect(image, crop)));
                }
            }

            if (sample is "sample1.jpg" or "sample3.jpg" or "sample6.jpg")
            {
                frames.Add(FaceBenchmark.CropCenter(await codec.DecodeAsync(encoded, new ImageDecodeLimits(MaxLongSide: 1280), cancellationToken), 1280, 720));
            }
        }

        return (crops, chips, frames);
    }
}
