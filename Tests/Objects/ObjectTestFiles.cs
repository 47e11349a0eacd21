namespace Glance.Tests.Objects;

/// <summary>Where the tests find the repository, human's CenterNet model, and the real photos they run it on.</summary>
internal static class ObjectTestFiles
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string CenterNetModel => Path.Combine(RepositoryRoot, "node_modules", "@vladmandic", "human", "models", "centernet.json");

    public static string OpenCvSamples => "/usr/share/doc/opencv-doc/examples/data";

    public static string FaceApiDemo => Path.Combine(RepositoryRoot, "node_modules", "@vladmandic", "face-api", "demo");

    public static string FixtureFolder => Path.Combine(RepositoryRoot, "Tests", "Fixtures", "Objects");

    public static bool ModelInstalled => File.Exists(CenterNetModel) && File.Exists(Path.ChangeExtension(CenterNetModel, ".bin"));

    public static bool PhotosInstalled => File.Exists(Path.Combine(OpenCvSamples, "messi5.jpg")) && File.Exists(Path.Combine(FaceApiDemo, "sample1.jpg"));

    /// <summary>A photo by the source name the reference script uses ("opencv" or "face-api").</summary>
    public static string Photo(string source, string name) =>
        Path.Combine(source == "opencv" ? OpenCvSamples : FaceApiDemo, name);

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

/// <summary>
/// A fact that needs human's CenterNet model and the sample photos; skipped, naming what is missing, otherwise, except
/// under CI (CI=true), where scripts/setup installs both: there a missing file is a broken set-up, and the test fails.
/// </summary>
public sealed class ObjectModelFactAttribute : FactAttribute
{
    public ObjectModelFactAttribute()
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (!ObjectTestFiles.ModelInstalled)
        {
            Skip = "node_modules/@vladmandic/human/models/centernet.json is not installed: run scripts/setup";
        }
        else if (!ObjectTestFiles.PhotosInstalled)
        {
            Skip = "the sample photos are missing: install the Debian package opencv-doc and run scripts/setup (@vladmandic/face-api)";
        }
    }
}

/// <summary>A theory that needs human's CenterNet model and the sample photos; skipped, naming what is missing, otherwise.</summary>
public sealed class ObjectModelTheoryAttribute : TheoryAttribute
{
    public ObjectModelTheoryAttribute()
    {
        Skip = new ObjectModelFactAttribute().Skip;
    }
}
