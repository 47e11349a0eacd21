using System.Buffers.Binary;
using System.Net;

namespace Glance.Media.Fetching;

/// <summary>
/// Sorts IP addresses into <see cref="AddressCategory"/> following the IANA special-purpose registries. IPv6 forms
/// that carry an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo) are judged by the IPv4 address they carry, so
/// <c>::ffff:10.0.0.1</c> is as private as <c>10.0.0.1</c>. Allocation-free.
/// </summary>
public static class IpAddressClassifier
{
    public static AddressCategory Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        {
            address.TryWriteBytes(bytes, out _);
            return ClassifyIPv4(BinaryPrimitives.ReadUInt32BigEndian(bytes));
        }

        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6 || !address.TryWriteBytes(bytes, out var written) || written != 16)
        {
            return AddressCategory.Reserved;
        }

        return ClassifyIPv6(bytes);
    }

    /// <summary>True only for globally routable unicast addresses that are not metadata endpoints.</summary>
    public static bool IsPublic(IPAddress address) => Classify(address) == AddressCategory.Public;

    internal static AddressCategory ClassifyIPv4(uint a)
    {
        if (CloudMetadataEndpoints.IsMetadataIPv4(a))
        {
            return AddressCategory.CloudMetadata;
        }

        return (a >> 24) switch
        {
            0 => a == 0 ? AddressCategory.Unspecified : AddressCategory.Reserved, // "this network" 0.0.0.0/8
            10 => AddressCategory.Private,
            127 => AddressCategory.Loopback,
            >= 224 and <= 239 => AddressCategory.Multicast,
            >= 240 => a == uint.MaxValue ? AddressCategory.Broadcast : AddressCategory.Reserved,
            _ => ClassifyIPv4Narrow(a),
        };
    }

    private static AddressCategory ClassifyIPv4Narrow(uint a)
    {
        if (In(a, 100, 64, 0, 0, 10))
        {
            return AddressCategory.SharedAddressSpace;
        }

        if (In(a, 169, 254, 0, 0, 16))
        {
            return AddressCategory.LinkLocal;
        }

        if (In(a, 172, 16, 0, 0, 12) || In(a, 192, 168, 0, 0, 16))
        {
            return AddressCategory.Private;
        }

        if (In(a, 192, 0, 2, 0, 24) || In(a, 198, 51, 100, 0, 24) || In(a, 203, 0, 113, 0, 24))
        {
            return AddressCategory.Documentation;
        }

        if (In(a, 198, 18, 0, 0, 15))
        {
            return AddressCategory.Benchmarking;
        }

        // IETF protocol assignments (192.0.0.0/24) and the deprecated 6to4 relay anycast prefix (192.88.99.0/24).
        if (In(a, 192, 0, 0, 0, 24) || In(a, 192, 88, 99, 0, 24))
        {
            return AddressCategory.Reserved;
        }

        return AddressCategory.Public;
    }

    private static AddressCategory ClassifyIPv6(ReadOnlySpan<byte> b)
    {
        if (CloudMetadataEndpoints.IsMetadataIPv6(b))
        {
            return AddressCategory.CloudMetadata;
        }

        var high = BinaryPrimitives.ReadUInt64BigEndian(b);
        var low = BinaryPrimitives.ReadUInt64BigEndian(b[8..]);
        var lastWord = (uint)low;
        if (high == 0)
        {
            if (low == 0)
            {
                return AddressCategory.Unspecified;
            }

            if (low == 1)
            {
                return AddressCategory.Loopback;
            }

            // ::ffff:a.b.c.d (mapped), ::ffff:0:a.b.c.d (SIIT translated), ::a.b.c.d (deprecated compatible).
            var upper = (uint)(low >> 32);
            if (upper is 0x0000_ffff or 0xffff_0000 or 0)
            {
                return ClassifyIPv4(lastWord);
            }

            return AddressCategory.Reserved;
        }

        var first16 = (ushort)(high >> 48);
        var first32 = (uint)(high >> 32);

        // NAT64 well-known prefix 64:ff9b::/96 reaches the embedded IPv4 address through the translator.
        if (first32 == 0x0064_ff9b && (uint)high == 0 && (low >> 32) == 0)
        {
            return ClassifyIPv4(lastWord);
        }

        // 6to4: 2002:AABB:CCDD::/48 tunnels to AA.BB.CC.DD.
        if (first16 == 0x2002)
        {
            return ClassifyIPv4((uint)(high >> 16));
        }

        // Teredo 2001:0::/32 carries the client's address inverted in the last 32 bits; judge by it, else reserved.
        if (first32 == 0x2001_0000)
        {
            var client = ClassifyIPv4(~lastWord);
            return client == AddressCategory.Public ? AddressCategory.Reserved : client;
        }

        if (first32 == 0x2001_0db8 || (high >> 44) == 0x3fff0)
        {
            return AddressCategory.Documentation;
        }

        if (first32 == 0x2001_0002 && (ushort)(high >> 16) == 0)
        {
            return AddressCategory.Benchmarking;
        }

        // 2001::/23 IETF protocol assignments, 64:ff9b:1::/48 local-use NAT64, 100::/64 discard-only, 5f00::/16 SRv6 SIDs.
        if ((first16 == 0x2001 && (high >> 41) == (0x2001_0000_0000_0000UL >> 41))
            || (first32 == 0x0064_ff9b && (ushort)(high >> 16) == 1)
            || (first16 == 0x0100 && (high & 0x0000_ffff_ffff_ffffUL) == 0)
            || first16 == 0x5f00)
        {
            return AddressCategory.Reserved;
        }

        return b[0] switch
        {
            0xff => AddressCategory.Multicast,
            0xfc or 0xfd => AddressCategory.Private, // unique-local fc00::/7
            0xfe when (b[1] & 0xc0) == 0x80 => AddressCategory.LinkLocal, // fe80::/10
            0xfe when (b[1] & 0xc0) == 0xc0 => AddressCategory.Private, // fec0::/10, deprecated site-local
            _ when (b[0] & 0xe0) == 0x20 => AddressCategory.Public, // 2000::/3, global unicast
            _ => AddressCategory.Reserved, // not allocated for unicast
        };
    }

    private static bool In(uint address, byte a, byte b, byte c, byte d, int prefixLength)
    {
        var network = ((uint)a << 24) | ((uint)b << 16) | ((uint)c << 8) | d;
        var mask = uint.MaxValue << (32 - prefixLength);
        return (address & mask) == network;
    }
}
