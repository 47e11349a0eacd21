using Glance.Media.Assets;

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
        var found = InstalledAssetSearch.FindFirst(
            configured,
            contentRoot,
            candidate => File.Exists(candidate) && File.Exists(Path.Combine(Path.GetDirectoryName(candidate)!, WeightFile)));
        if (found is not null)
        {
            return found;
        }

        throw new ObjectModelException(
            $"The object model was not found (looked for '{configured}' next to {WeightFile}). It is installed from the npm " +
            $"package @vladmandic/human by the set-up command: run scripts/setup (or set {ObjectDetectionOptions.SectionName}:" +
            $"{nameof(ObjectDetectionOptions.CenterNetModelPath)} to its model.json).");
    }
}
