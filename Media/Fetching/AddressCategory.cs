namespace Glance.Media.Fetching;

/// <summary>What kind of network an IP address belongs to, as far as fetching a source from it is concerned.</summary>
public enum AddressCategory
{
    /// <summary>A globally routable unicast address: the only kind fetched without an operator allow-list.</summary>
    Public,
    Loopback,

    /// <summary>RFC 1918 IPv4, IPv6 unique-local (fc00::/7) and the deprecated IPv6 site-local range.</summary>
    Private,

    /// <summary>Carrier-grade NAT space 100.64.0.0/10 (RFC 6598): private to a provider, not the internet.</summary>
    SharedAddressSpace,
    LinkLocal,
    Multicast,
    Unspecified,
    Broadcast,

    /// <summary>TEST-NET-1/2/3 and 2001:db8::/32, 3fff::/20: never used by a real server.</summary>
    Documentation,

    /// <summary>198.18.0.0/15 and 2001:2::/48 (RFC 2544, RFC 5180).</summary>
    Benchmarking,

    /// <summary>Any other special-purpose or unallocated range (0.0.0.0/8, 240.0.0.0/4, IETF protocol assignments,
    /// tunnel relays, IPv6 outside 2000::/3 ...).</summary>
    Reserved,

    /// <summary>A cloud instance metadata or host service endpoint (169.254.169.254 and friends): never fetched.</summary>
    CloudMetadata,
}
