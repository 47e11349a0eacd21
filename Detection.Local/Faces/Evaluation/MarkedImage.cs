namespace Glance.Detection.Local.Faces.Evaluation;

/// <summary>
/// One photo of a <see cref="MarkedFaceSet"/>: where it is (a source folder name and a path under it), its size when it
/// holds faces, the faces, and regions whose faces are too blurred or small to ask for (a stadium crowd).
/// </summary>
public sealed record MarkedImage(
    string Source,
    string Path,
    int? Width,
    IReadOnlyList<MarkedFace> Faces,
    IReadOnlyList<(double X, double Y, double Width, double Height)> Ignore)
{
    public string Name => $"{Source}/{Path}";

    /// <summary>The photo's file, given where each source folder is on this machine.</summary>
    public string FilePath(IReadOnlyDictionary<string, string> sourceFolders)
    {
        ArgumentNullException.ThrowIfNull(sourceFolders);
        return sourceFolders.TryGetValue(Source, out var folder)
            ? System.IO.Path.Combine(folder, Path)
            : throw new KeyNotFoundException($"No folder is known for the source '{Source}' of {Path}.");
    }
}
