namespace Glance.Inference.Nn;

/// <summary>Reads a TF.js manifest (or model.json) and its shards from disk, next to each other as TF.js lays them out.</summary>
public static class TfjsWeightsLoader
{
    /// <summary>Shard files above this are refused (the largest shipped model is a few MB).</summary>
    private const long MaxShardBytes = 512L * 1024 * 1024;

    /// <param name="manifestPath">A <c>*-weights_manifest.json</c> or a graph/layers <c>model.json</c>.</param>
    public static (TfjsWeightsManifest Manifest, TfjsWeightMap Weights) Load(string manifestPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(manifestPath);
        if (!File.Exists(manifestPath))
        {
            throw new TfjsWeightsException($"The TF.js model file '{manifestPath}' does not exist.");
        }

        var manifest = TfjsWeightsManifest.Parse(File.ReadAllText(manifestPath));
        var directory = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        var weights = TfjsWeightDecoder.Decode(manifest, path => ReadShard(directory, path), Path.GetFileName(manifestPath));
        return (manifest, weights);
    }

    private static ReadOnlyMemory<byte> ReadShard(string directory, string relativePath)
    {
        var path = Path.GetFullPath(Path.Combine(directory, relativePath));
        if (!path.StartsWith(directory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new TfjsWeightsException($"The shard path '{relativePath}' leaves the model folder.");
        }

        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new TfjsWeightsException($"The weight shard '{path}' does not exist.");
        }

        if (file.Length > MaxShardBytes)
        {
            throw new TfjsWeightsException($"The weight shard '{path}' is {file.Length} bytes; the limit is {MaxShardBytes}.");
        }

        return File.ReadAllBytes(path);
    }
}
