namespace Glance.Detection.Local.Objects;

/// <summary>Resolves the CenterNet model.json from <see cref="ObjectDetectionOptions"/> and checks that its weight shard is there.</summary>
public static class ObjectModelLocator
{
    public const string ModelFile = "centernet.json";
    public const string WeightFile = "centernet.bin";

    /// <param name="contentRoot">The host's content root; relative paths are tried there, then in the folders above the app (the repository root in development).</param>
    public static string ResolveCenterNet(ObjectDetectionOptions options, string? contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = options.CenterNetModelPath ?? Path.Combine(options.ModelRoot, "@vladmandic", "human", "models", ModelFile);
        var candidates = new List<string>();
        if (Path.IsPathRooted(configured))
        {
            candidates.Add(configured);
        }
        else
        {
            foreach (var start in new[] { contentRoot, Directory.GetCurrentDirectory(), AppContext.BaseDirectory }.Where(s => !string.IsNullOrEmpty(s)))
            {
                // Walk up a bounded number of levels: bin/Debug/net10.0 sits a few folders under the repository root.
                var directory = new DirectoryInfo(start!);
                for (var level = 0; level < 8 && directory is not null; level++, directory = directory.Parent)
                {
                    candidates.Add(Path.Combine(directory.FullName, configured));
                }
            }
        }

        foreach (var candidate in candidates.Distinct(StringComparer.Ordinal))
        {
            if (File.Exists(candidate) && File.Exists(Path.Combine(Path.GetDirectoryName(candidate)!, WeightFile)))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new ObjectModelException(
            $"The object model was not found (looked for '{configured}' next to {WeightFile}). It is installed from the npm " +
            $"package @vladmandic/human by the set-up command: run scripts/setup (or set {ObjectDetectionOptions.SectionName}:" +
            $"{nameof(ObjectDetectionOptions.CenterNetModelPath)} to its model.json).");
    }
}
