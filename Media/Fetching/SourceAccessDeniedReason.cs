namespace Glance.Media.Fetching;

/// <summary>Why a source (or a redirect target, or a connection) was refused. Stable names for problem details.</summary>
public enum SourceAccessDeniedReason
{
    /// <summary>Not an absolute URL with a host, or otherwise unusable.</summary>
    InvalidUrl,

    /// <summary>A scheme other than http and https (file only when configured, and never through a redirect).</summary>
    Scheme,

    /// <summary>The URL carries a user name or password.</summary>
    UserInfo,

    /// <summary>A file source while file sources are off, or outside every allowed root.</summary>
    FileNotAllowed,
    LoopbackAddress,

    /// <summary>RFC 1918, unique-local, site-local or carrier-grade NAT space.</summary>
    PrivateAddress,
    LinkLocalAddress,

    /// <summary>Multicast, broadcast, unspecified, documentation, benchmarking or other special-purpose addresses.</summary>
    ReservedAddress,

    /// <summary>A cloud metadata address or host name: refused even when allow-listed.</summary>
    Metadata,
    UnresolvableHost,
    TooManyRedirects,
}
