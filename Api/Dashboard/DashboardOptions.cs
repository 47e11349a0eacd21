namespace Glance.Api.Dashboard;

/// <summary>The operators' dashboard at "/". Bound to "Dashboard".</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>Where the npm package hls.js (the replay player) is installed; found like the model weights (content root, then the folders above).</summary>
    public string HlsJsFolder { get; set; } = Path.Combine("node_modules", "hls.js", "dist");
}
