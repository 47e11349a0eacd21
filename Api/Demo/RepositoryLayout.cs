namespace Glance.Api.Demo;

/// <summary>Finds the folder whose node_modules holds the npm packages scripts/setup installed.</summary>
internal static class RepositoryLayout
{
    public static string? FindNodeModulesRoot(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (Directory.Exists(Path.Combine(folder.FullName, "node_modules", "@vladmandic")))
            {
                return folder.FullName;
            }
        }

        var current = Directory.GetCurrentDirectory();
        return Directory.Exists(Path.Combine(current, "node_modules", "@vladmandic")) ? current : null;
    }
}
