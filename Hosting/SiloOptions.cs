using System.Net;

namespace Glance.Hosting;

/// <summary>
/// How this process joins the Orleans cluster. Bound to "Orleans" (Orleans__ClusterId=..., --Orleans:SiloPort=...).
/// The embedded default needs none of it: one silo on localhost.
/// </summary>
public sealed class SiloOptions
{
    public const string SectionName = "Orleans";

    /// <summary>Silos with the same cluster id form one cluster (membership rows are kept per cluster id).</summary>
    public string ClusterId { get; set; } = "glance";

    /// <summary>Stable across deployments: grain state and reminders are kept per service id.</summary>
    public string ServiceId { get; set; } = "glance";

    /// <summary>Silo-to-silo port. Tests that run several hosts in one process give each its own.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port for external Orleans clients; 0 (the default): none, since the API is co-hosted in every silo.</summary>
    public int GatewayPort { get; set; }

    /// <summary>
    /// The address other silos reach this one on; default: the first non-loopback IPv4 address in Cluster mode, loopback
    /// when embedded. Under <see cref="Kubernetes"/> the pod IP (POD_IP) is used instead.
    /// </summary>
    public string? AdvertisedIPAddress { get; set; }

    /// <summary>
    /// Cluster mode in a Kubernetes pod: Orleans' Kubernetes hosting (Microsoft.Orleans.Hosting.Kubernetes) takes the
    /// silo's identity from the pod (POD_NAME, POD_NAMESPACE, POD_IP, ORLEANS_CLUSTER_ID, ORLEANS_SERVICE_ID) and watches
    /// the namespace's pods, so a deleted pod's silo is declared dead without waiting for missed probes. Needs RBAC on
    /// pods (deploy/eks/rbac.yaml).
    /// </summary>
    public bool Kubernetes { get; set; }

    /// <summary>
    /// Cluster mode: how often a silo writes its IAmAlive time to the membership table (Orleans' default: 30 s). A
    /// joining silo ignores an Active entry whose IAmAlive is older than three periods; until then it keeps trying to
    /// reach it and does not join. When the only silo dies, its replacement therefore waits three periods before it
    /// serves anything (90 s with Orleans' default, measured in the cluster run); 10 s makes that 30 s, for one table
    /// write per silo every 10 s.
    /// </summary>
    public TimeSpan IAmAlivePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A grain call that has not answered this long after it was made fails with a TimeoutException.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An activation idle for this long is deactivated.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Shortest reminder period accepted (Orleans' own default is a minute; events reconcile every 30 s).</summary>
    public TimeSpan MinimumReminderPeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Runs the Orleans Dashboard's collectors in this silo (silos, grain activations and calls, reminders); the Api serves
    /// its pages at /ops/dashboard to the administrator. Every silo of a cluster should agree. Its call profiling is a
    /// grain call filter that costs about 30 µs of server CPU per viewer context request (docs/benchmarks.md), so the
    /// default (null) is on for the embedded laptop run and off in a cluster, where an operator turns it on to look.
    /// </summary>
    public bool? Dashboard { get; set; }

    /// <summary>Whether the dashboard runs in <paramref name="mode"/>: <see cref="Dashboard"/>, or on only when embedded.</summary>
    public bool DashboardEnabled(HostingMode mode) => Dashboard ?? mode == HostingMode.Embedded;

    internal IPAddress? ParsedAdvertisedAddress() =>
        string.IsNullOrWhiteSpace(AdvertisedIPAddress) ? null : IPAddress.Parse(AdvertisedIPAddress);
}
