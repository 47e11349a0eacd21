using Glance.Tests.Faces;

namespace Glance.Tests.Nn;

/// <summary>A fact that needs a file installed by scripts/setup (relative to the repository root); skipped, naming it, when absent.</summary>
public sealed class InstalledFileFactAttribute : FactAttribute
{
    public InstalledFileFactAttribute(string relativePath)
    {
        if (!File.Exists(Path.Combine(FaceModelFiles.RepositoryRoot, relativePath)))
        {
            Skip = $"{relativePath} is not installed: run scripts/setup";
        }
    }
}
