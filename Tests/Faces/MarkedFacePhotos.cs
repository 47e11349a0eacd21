using Glance.Detection.Local.Faces.Evaluation;
using Glance.Media.Frames;

namespace Glance.Tests.Faces;

/// <summary>The hand-marked photos of Tests/Fixtures/Faces/marked-faces.json, decoded once as frames are (long side at most 1280).</summary>
internal static class MarkedFacePhotos
{
    public const int LongSide = 1280;

    public static string OpenCvExamples => "/usr/share/doc/opencv-doc/examples";

    public static bool Installed => FaceModelFiles.Installed && File.Exists(Path.Combine(OpenCvExamples, "data", "messi5.jpg"));

    public static MarkedFaceSet Set { get; } = MarkedFaceSet.Parse(File.ReadAllText(Path.Combine(FaceModelFiles.FixtureFolder, "marked-faces.json")));

    public static IReadOnlyDictionary<string, string> Sources { get; } = new Dictionary<string, string>
    {
        ["face-api-demo"] = FaceModelFiles.DemoFolder,
        ["opencv-examples"] = OpenCvExamples,
    };

    public static async Task<IReadOnlyList<(MarkedImage Marked, RgbImage Image)>> DecodeAllAsync()
    {
        var photos = new List<(MarkedImage, RgbImage)>();
        foreach (var marked in Set.Images)
        {
            photos.Add((marked, await FaceModelsFixture.DecodeAsync(marked.FilePath(Sources), LongSide)));
        }

        return photos;
    }
}

/// <summary>A fact that needs the face-api models and opencv-doc's photos; skipped, naming what is missing, otherwise.</summary>
public sealed class MarkedFacePhotosFactAttribute : FactAttribute
{
    public MarkedFacePhotosFactAttribute()
    {
        if (!MarkedFacePhotos.Installed)
        {
            Skip = "needs node_modules/@vladmandic/face-api (scripts/setup) and the Debian package opencv-doc";
        }
    }
}
