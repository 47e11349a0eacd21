using System.Numerics.Tensors;
using System.Text.Json;
using Glance.Detection.Local.Faces;
using Glance.Media.Frames;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Glance.Tests.Faces;

/// <summary>
/// face-api's detector, landmark and recognition networks on ONNX Runtime (converted in memory from the TF.js weights)
/// against the managed C# engine, on the same real inputs (the hand-marked photos for TinyFaceDetector, faces BlazeFace
/// finds in face-api's demo photos, and the reference chips of tools/reference/faces.mjs): the same boxes, landmarks and
/// descriptors within float rounding, and the same same-person / different-person separation. Both run float32 with the same weights; they differ only in summation order.
/// </summary>
public sealed class FaceEngineTests(ITestOutputHelper output)
{
    private const int LongSide = 640;
    private static readonly string[] Photos = ["sample1.jpg", "sample2.jpg", "sample3.jpg", "sample4.jpg", "sample5.jpg", "sample6.jpg"];

    [FaceModelsFact]
    public void Hosts_run_face_api_networks_on_onnx_runtime_by_default()
    {
        new LocalModelOptions().Engine.Should().Be(FaceEngine.OnnxRuntime);
        FaceModelsFixture.Models.Detector.Engine.Should().Be(FaceEngine.OnnxRuntime);
        FaceModelsFixture.ManagedModels.Detector.Engine.Should().Be(FaceEngine.Managed);
        FaceModelsFixture.Models.Landmarks.Engine.Should().Be(FaceEngine.OnnxRuntime);
        FaceModelsFixture.Models.Recognition.Engine.Should().Be(FaceEngine.OnnxRuntime);
        FaceModelsFixture.ManagedModels.Landmarks.Engine.Should().Be(FaceEngine.Managed);
        FaceModelsFixture.ManagedModels.Recognition.Engine.Should().Be(FaceEngine.Managed);
    }

    [FaceModelsFact]
    public async Task The_engine_setting_selects_the_managed_networks()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Detection:Local:Faces:Engine"] = "Managed",
            ["Detection:Local:Faces:FaceApiModelFolder"] = FaceModelFiles.ModelFolder,
        }).Build();
        await using var provider = new ServiceCollection().AddLocalFaces(configuration).BuildServiceProvider();

        var models = provider.GetRequiredService<FaceModels>();

        models.Detector.Engine.Should().Be(FaceEngine.Managed);
        models.Landmarks.Engine.Should().Be(FaceEngine.Managed);
        models.Recognition.Engine.Should().Be(FaceEngine.Managed);
    }

    [Fact]
    public void An_unknown_engine_is_refused_naming_the_setting()
    {
        var load = () => FaceModels.Load(FaceModelFiles.ModelFolder, engine: (FaceEngine)7);

        load.Should().Throw<FaceModelException>().WithMessage("*Detection:Local:Faces:Engine*OnnxRuntime, Managed*");
    }

    [MarkedFacePhotosFact]
    public async Task Tiny_face_detector_boxes_on_onnx_runtime_match_the_managed_net()
    {
        // A low threshold compares many more boxes than faces (the head's near-misses too), at both input sizes the
        // detector runs at: the whole image at 416 and the magnified tiles at 352.
        var options = new LocalModelOptions
        {
            FaceDetector = FaceDetectorKind.TinyFaceDetector, FaceScoreThreshold = 0.1f, SmallFaceScoreThreshold = 0.1f, SmallFaceTileInputSize = 352,
        };
        var onnx = new MultiScaleFaceDetector(FaceModelsFixture.Models.Detector, options);
        var managed = new MultiScaleFaceDetector(FaceModelsFixture.ManagedModels.Detector, options);
        var (worstCorner, worstScore, boxes) = (0.0, 0.0, 0);
        foreach (var (marked, image) in await MarkedFacePhotos.DecodeAllAsync())
        {
            var byOnnx = onnx.Detect(image);
            var byManaged = managed.Detect(image);

            byOnnx.Should().HaveSameCount(byManaged, marked.Name);
            foreach (var face in byOnnx)
            {
                var twin = byManaged.MinBy(m => Math.Abs(m.X - face.X) + Math.Abs(m.Y - face.Y) + Math.Abs(m.Width - face.Width) + Math.Abs(m.Height - face.Height))!;
                worstCorner = Math.Max(worstCorner, new[] { twin.X - face.X, twin.Y - face.Y, twin.Width - face.Width, twin.Height - face.Height }.Max(Math.Abs));
                worstScore = Math.Max(worstScore, Math.Abs(twin.Score - face.Score));
                boxes++;
            }
        }

        output.WriteLine($"{boxes} boxes; largest coordinate difference {worstCorner:G3} px, largest score difference {worstScore:G3}");
        boxes.Should().BeGreaterThan(30, "40 were measured");
        worstCorner.Should().BeLessThan(0.01, "both engines compute the same float32 network; only summation order differs");
        worstScore.Should().BeLessThan(1e-5);
    }

    [FaceModelsFact]
    public async Task Landmarks_on_onnx_runtime_match_the_managed_net()
    {
        var worst = 0.0;
        var faces = 0;
        foreach (var (image, crop) in await FaceCropsAsync())
        {
            var onnx = FaceModelsFixture.Models.Landmarks.Detect(image, crop);
            var managed = FaceModelsFixture.ManagedModels.Landmarks.Detect(image, crop);

            for (var i = 0; i < onnx.Coordinates.Length; i++)
            {
                worst = Math.Max(worst, Math.Abs(onnx.Coordinates[i] - managed.Coordinates[i]));
            }

            faces++;
        }

        output.WriteLine($"{faces} faces; largest landmark difference {worst:G3} px");
        faces.Should().BeGreaterThan(15);
        worst.Should().BeLessThan(1e-3, "both engines compute the same float32 network; only summation order differs");
    }

    [FaceModelsFact]
    public async Task Descriptors_on_onnx_runtime_match_the_managed_net()
    {
        var chips = await ChipsAsync();
        var onnx = FaceModelsFixture.Models.Recognition.Describe(chips);
        var managed = FaceModelsFixture.ManagedModels.Recognition.Describe(chips);

        var worstValue = 0.0;
        var worstDistance = 0.0;
        var lowestCosine = 1.0;
        for (var c = 0; c < chips.Count; c++)
        {
            for (var i = 0; i < FaceRecognitionNet.DescriptorLength; i++)
            {
                worstValue = Math.Max(worstValue, Math.Abs(onnx[c][i] - managed[c][i]));
            }

            worstDistance = Math.Max(worstDistance, FaceGallery.Distance(onnx[c], managed[c]));
            lowestCosine = Math.Min(lowestCosine, TensorPrimitives.CosineSimilarity(onnx[c], managed[c]));
            FaceGallery.Distance(FaceModelsFixture.Models.Recognition.Describe(chips[c]), onnx[c]).Should().BeLessThan(1e-5, "a batch gives each face the descriptor it gets alone");
        }

        output.WriteLine($"{chips.Count} chips; largest value difference {worstValue:G3}, largest distance {worstDistance:G3}, lowest cosine {lowestCosine:R}");
        chips.Count.Should().BeGreaterThan(15);
        worstValue.Should().BeLessThan(1e-5);
        worstDistance.Should().BeLessThan(1e-5);
        lowestCosine.Should().BeGreaterThan(0.999999);
    }

    [FaceModelsFact]
    public async Task Same_and_different_person_distances_are_unchanged()
    {
        var onnx = FaceModelsFixture.Analyzer(new LocalModelOptions { MaxDescribedFacesPerFrame = 10 });
        var managed = new FaceAnalyzer(FaceModelsFixture.ManagedModels, Options.Create(new LocalModelOptions { MaxDescribedFacesPerFrame = 10 }));
        var worst = 0.0;
        var pairs = 0;
        var described = new Dictionary<string, (float[] Onnx, float[] Managed)[]>();
        foreach (var name in new[] { "sample1.jpg", "sample3.jpg", "sample5.jpg", "sample6.jpg" })
        {
            var image = await FaceModelsFixture.DecodeAsync(Path.Combine(FaceModelFiles.DemoFolder, name), LongSide);
            var byOnnx = onnx.Analyze(image);
            var byManaged = managed.Analyze(image);
            byOnnx.Select(f => f.Box).Should().Equal(byManaged.Select(f => f.Box), "both use the same BlazeFace boxes");
            var faces = byOnnx.Zip(byManaged).Where(p => p.First.Descriptor is not null).Select(p => (Onnx: p.First.Descriptor!, Managed: p.Second.Descriptor!)).ToArray();
            faces.Length.Should().BeGreaterThan(2, name);
            described[name] = faces;
            for (var a = 0; a < faces.Length; a++)
            {
                for (var b = a + 1; b < faces.Length; b++)
                {
                    var byOnnxDistance = FaceGallery.Distance(faces[a].Onnx, faces[b].Onnx);
                    var byManagedDistance = FaceGallery.Distance(faces[a].Managed, faces[b].Managed);
                    byOnnxDistance.Should().BeGreaterThan(FaceGallery.DefaultMaxDistance, $"two different women in {name}");
                    worst = Math.Max(worst, Math.Abs(byOnnxDistance - byManagedDistance));
                    pairs++;
                }
            }
        }

        // The blonde on the right of sample1.jpg is the blonde in the middle of sample3.jpg (see FaceIdentityTests).
        var sameByOnnx = described["sample1.jpg"].Min(first => described["sample3.jpg"].Min(second => FaceGallery.Distance(first.Onnx, second.Onnx)));
        var sameByManaged = described["sample1.jpg"].Min(first => described["sample3.jpg"].Min(second => FaceGallery.Distance(first.Managed, second.Managed)));
        output.WriteLine($"{pairs} different-person pairs; largest change of a distance {worst:G3}; same person {sameByOnnx:F4} (ONNX) / {sameByManaged:F4} (managed)");
        pairs.Should().BeGreaterThan(20);
        worst.Should().BeLessThan(1e-3);
        sameByOnnx.Should().BeLessThan(FaceGallery.DefaultMaxDistance).And.BeApproximately(sameByManaged, 1e-3);
    }

    /// <summary>The face-api crops of the faces BlazeFace finds in the demo photos, as the analyzer cuts them.</summary>
    private static async Task<List<(RgbImage Image, PixelRegion Crop)>> FaceCropsAsync()
    {
        var options = new LocalModelOptions();
        var detector = FaceAnalyzer.BoxDetector(FaceModelsFixture.Models, options);
        var crops = new List<(RgbImage, PixelRegion)>();
        foreach (var name in Photos)
        {
            var image = await FaceModelsFixture.DecodeAsync(Path.Combine(FaceModelFiles.DemoFolder, name), LongSide);
            foreach (var face in detector.Detect(image, CancellationToken.None))
            {
                var crop = FaceAnalyzer.LandmarkCrop(image, face);
                if (!crop.IsEmpty)
                {
                    crops.Add((image, crop));
                }
            }
        }

        return crops;
    }

    /// <summary>Aligned chips of the demo photos' faces (from the managed landmarks) and face-api's own reference chips.</summary>
    private static async Task<List<float[]>> ChipsAsync()
    {
        var chips = new List<float[]>();
        foreach (var (image, crop) in await FaceCropsAsync())
        {
            chips.Add(FaceAnalyzer.AlignedChip(image, FaceModelsFixture.ManagedModels.Landmarks.Detect(image, crop)));
        }

        using var reference = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(FaceModelFiles.FixtureFolder, "reference.json")));
        chips.AddRange(reference.RootElement.GetProperty("descriptors").EnumerateArray()
            .Select(c => Convert.FromBase64String(c.GetProperty("rgb150").GetString()!).Select(b => (float)b).ToArray()));
        return chips;
    }
}
