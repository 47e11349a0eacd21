namespace Glance.Hosting;

/// <summary>How this process is deployed. Bound to "Hosting".</summary>
public sealed class HostingOptions
{
    public const string SectionName = "Hosting";

    public HostingMode Mode { get; set; } = HostingMode.Embedded;
}

public enum HostingMode
{
    /// <summary>One process on a laptop: generated secrets are fine, the demo channel runs, loopback sources are allowed.</summary>
    Embedded,

    /// <summary>One of many silos: every secret must be configured, no demo, no loopback sources.</summary>
    Cluster,
}
