using System.Net;

namespace Glance.Media.Fetching;

/// <summary>
/// Addresses and host names of cloud instance metadata and host services. Reaching one hands out credentials or
/// instance identity, so they are refused even when an operator allow-list covers them.
/// </summary>
public static class CloudMetadataEndpoints
{
    private static readonly uint[] IPv4Addresses =
    [
        V4(169, 254, 169, 254), // AWS, Azure, GCP, OCI, OpenStack, DigitalOcean instance metadata
        V4(169, 254, 170, 2), // AWS ECS task metadata and credentials
        V4(169, 254, 170, 23), // AWS EKS pod identity agent
        V4(100, 100, 100, 200), // Alibaba Cloud
        V4(192, 0, 0, 192), // Oracle Cloud (legacy)
        V4(168, 63, 129, 16), // Azure WireServer: public-looking, serves host configuration and certificates
    ];

    private static readonly byte[][] IPv6Addresses =
    [
        IPAddress.Parse("fd00:ec2::254").GetAddressBytes(), // AWS instance metadata over IPv6
        IPAddress.Parse("fd00:ec2::23").GetAddressBytes(), // AWS EKS pod identity agent over IPv6
    ];

    private static readonly HashSet<string> HostNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "metadata.google.internal",
        "metadata.goog",
        "metadata",
        "instance-data",
        "instance-data.ec2.internal",
    };

    /// <summary>True for a metadata address given as IPv4 in host byte order.</summary>
    internal static bool IsMetadataIPv4(uint address) => Array.IndexOf(IPv4Addresses, address) >= 0;

    /// <summary>True for a metadata IPv6 address given as its 16 bytes (scope ids play no part).</summary>
    internal static bool IsMetadataIPv6(ReadOnlySpan<byte> address)
    {
        foreach (var candidate in IPv6Addresses)
        {
            if (address.SequenceEqual(candidate))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for host names that cloud resolvers answer with a metadata address.</summary>
    public static bool IsMetadataHostName(string host) => HostNames.Contains(host.TrimEnd('.'));

    private static uint V4(byte a, byte b, byte c, byte d) => ((uint)a << 24) | ((uint)b << 16) | ((uint)c << 8) | d;
}
