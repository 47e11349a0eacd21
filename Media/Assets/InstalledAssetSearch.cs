namespace Glance.Media.Assets;

/// <summary>
/// Where a configured path to an installed asset (model weights, the demo photo) may be: as given when rooted, else under the content root, the working directory or
/// the app folder, or a bounded number of folders above them (bin/Release/net10.0 sits a few levels under the
/// repository root, where the set-up command installs the npm packages).
/// </summary>
public static class InstalledAssetSearch
{
    private const int MaxLevelsUp = 8;

    /// <summary>The first candidate path that <paramref name="isComplete"/> accepts, as a full path; null when none does.</summary>
    public static string? FindFirst(string configured, string? contentRoot, Func<string, bool> isComplete)
    {
        ArgumentException.ThrowIfNullOrEmpty(configured);
        ArgumentNullException.ThrowIfNull(isComplete);
        foreach (var candidate in Candidates(configured, contentRoot))
        {
            if (isComplete(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return null;
    }

    private static IEnumerable<string> Candidates(string configured, string? contentRoot)
    {
        if (Path.IsPathRooted(configured))
        {
            return [configured];
        }

        var candidates = new List<string>();
        foreach (var start in new[] { contentRoot, Directory.GetCurrentDirectory(), AppContext.BaseDirectory }.Where(s => !string.IsNullOrEmpty(s)))
        {
            var directory = new DirectoryInfo(start!);
            for (var level = 0; level < MaxLevelsUp && directory is not null; level++, directory = directory.Parent)
            {
                candidates.Add(Path.Combine(directory.FullName, configured));
            }
        }

        return candidates.Distinct(StringComparer.Ordinal);
    }
}
