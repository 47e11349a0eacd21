namespace Glance.Tests.Deployment;

/// <summary>
/// A fact that needs a command-line tool scripts/setup installs. Where the tool is missing it is skipped, naming the
/// tool, on a developer's machine; under CI=true it is never skipped, so a missing tool fails the test instead.
/// </summary>
public sealed class ToolFactAttribute : FactAttribute
{
    public ToolFactAttribute(string tool, string installedBy)
    {
        if (ToolRun.Find(tool) is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = $"{tool} is not on PATH: {installedBy}";
        }
    }
}
