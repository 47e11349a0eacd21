using System.Net;

namespace Glance.Media.Fetching;

/// <summary>
/// The pure part of the SSRF guard: which URLs and addresses may be fetched. Public unicast addresses always may;
/// others only when an operator-allow-listed network contains them; cloud metadata endpoints never.
/// </summary>
public sealed class NetworkPolicy
{
    private static readonly string AllowedNetworksKey = $"{SourceAccessOptions.SectionName}:{nameof(SourceAccessOptions.AllowedNetworks)}";
    private readonly IPNetwork[] allowedNetworks;

    public NetworkPolicy(SourceAccessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        allowedNetworks = [.. options.AllowedNetworks.Select(ParseNetwork)];
        AllowFileSources = options.AllowFileSources;
    }

    public IReadOnlyList<IPNetwork> AllowedNetworks => allowedNetworks;

    public bool AllowFileSources { get; }

    /// <summary>Parses one allow-list entry: CIDR notation, or a bare address meaning that address alone.</summary>
    public static IPNetwork ParseNetwork(string text)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        // Host bits after the prefix ("10.0.0.1/8") are refused rather than masked: the entry is probably a typo.
        var slash = trimmed.IndexOf('/');
        if (slash > 0 && IPNetwork.TryParse(trimmed, out var network)
            && IPAddress.TryParse(trimmed.AsSpan(0, slash), out var written) && written.Equals(network.BaseAddress))
        {
            return network;
        }

        if (IPAddress.TryParse(trimmed, out var address))
        {
            return new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        }

        throw new FormatException(
            $"'{text}' in {AllowedNetworksKey} is not a network: write CIDR notation such as 10.20.0.0/16 or fd00:1234::/32, with no host bits set after the prefix.");
    }

    public bool IsAllowed(IPAddress address) => Evaluate(address) is null;

    /// <summary>Null when the address may be connected to, else the category that refuses it.</summary>
    public AddressCategory? Evaluate(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var category = IpAddressClassifier.Classify(address);
        if (category is AddressCategory.Public)
        {
            return null;
        }

        if (category is not AddressCategory.CloudMetadata && IsAllowListed(address))
        {
            return null;
        }

        return category;
    }

    /// <summary>Throws <see cref="SourceAccessDeniedException"/> unless the address may be connected to.</summary>
    /// <param name="host">The host name the address was resolved from, or null when the URL named the address itself.</param>
    /// <param name="role">What the address is for, as the message should say it: "source", "redirect target".</param>
    public void EnsureAllowed(IPAddress address, string? host, string role = "source")
    {
        if (Evaluate(address) is { } category)
        {
            throw Deny(category, address, host, role);
        }
    }

    /// <summary>
    /// Checks everything that can be checked without I/O: absolute URL, scheme, no user info, no metadata host name,
    /// and the address when the host is an IP literal. Host names are checked when resolved, at connect time.
    /// </summary>
    /// <param name="role">What the URL is for, as messages say it; default "source" (or "redirect target").</param>
    public void EnsureUrlAllowed(Uri url, bool viaRedirect, string? role = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        role ??= viaRedirect ? "redirect target" : "source";
        if (!url.IsAbsoluteUri)
        {
            throw new SourceAccessDeniedException(SourceAccessDeniedReason.InvalidUrl, $"The {role} '{url.OriginalString}' is not an absolute URL.");
        }

        if (url.IsFile)
        {
            if (viaRedirect)
            {
                throw new SourceAccessDeniedException(SourceAccessDeniedReason.Scheme, "A redirect to a file:// URL is never followed.");
            }

            if (!AllowFileSources)
            {
                throw new SourceAccessDeniedException(
                    SourceAccessDeniedReason.FileNotAllowed,
                    $"File sources are turned off; the operator can allow them under chosen directories ({SourceAccessOptions.SectionName}:{nameof(SourceAccessOptions.AllowFileSources)}, {SourceAccessOptions.SectionName}:{nameof(SourceAccessOptions.AllowedFileRoots)}).");
            }

            return;
        }

        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
        {
            throw new SourceAccessDeniedException(SourceAccessDeniedReason.Scheme, $"The {role} scheme '{url.Scheme}' is not allowed; use http or https.");
        }

        if (url.UserInfo.Length > 0)
        {
            throw new SourceAccessDeniedException(
                SourceAccessDeniedReason.UserInfo, $"The {role} URL carries a user name or password; credentials in URLs are not accepted.", url.Host);
        }

        if (url.Host.Length == 0)
        {
            throw new SourceAccessDeniedException(SourceAccessDeniedReason.InvalidUrl, $"The {role} URL has no host.");
        }

        if (TryGetAddressLiteral(url, out var literal))
        {
            EnsureAllowed(literal, host: null, role);
        }
        else
        {
            EnsureHostNameAllowed(url.IdnHost, role);
        }
    }

    /// <summary>Refuses host names that resolve to metadata services before they are looked up.</summary>
    public static void EnsureHostNameAllowed(string host, string role = "source")
    {
        if (CloudMetadataEndpoints.IsMetadataHostName(host))
        {
            throw new SourceAccessDeniedException(
                SourceAccessDeniedReason.Metadata, $"The {role} host {host} is a cloud metadata endpoint; it is never fetched, even when allow-listed.", host);
        }
    }

    /// <summary>The IP address a URL names directly (Uri already canonicalises forms such as 0x7f.1 or 2130706433).</summary>
    public static bool TryGetAddressLiteral(Uri url, out IPAddress address) => TryParseHostLiteral(url.HostNameType switch
    {
        UriHostNameType.IPv4 or UriHostNameType.IPv6 => url.Host,
        _ => string.Empty,
    }, out address);

    /// <summary>Parses a host that is an IP literal, with or without IPv6 brackets.</summary>
    public static bool TryParseHostLiteral(string host, out IPAddress address)
    {
        var bare = host.Length > 1 && host[0] == '[' && host[^1] == ']' ? host[1..^1] : host;
        if (bare.Length > 0 && IPAddress.TryParse(bare, out var parsed))
        {
            address = parsed;
            return true;
        }

        address = IPAddress.None;
        return false;
    }

    internal static SourceAccessDeniedException Deny(AddressCategory category, IPAddress address, string? host, string role)
    {
        var reason = category switch
        {
            AddressCategory.Loopback => SourceAccessDeniedReason.LoopbackAddress,
            AddressCategory.Private or AddressCategory.SharedAddressSpace => SourceAccessDeniedReason.PrivateAddress,
            AddressCategory.LinkLocal => SourceAccessDeniedReason.LinkLocalAddress,
            AddressCategory.CloudMetadata => SourceAccessDeniedReason.Metadata,
            _ => SourceAccessDeniedReason.ReservedAddress,
        };
        var subject = host is null
            ? $"The {role} address {address} is {Describe(category)}"
            : $"The {role} host {host} resolves to {address}, {Describe(category)}";
        var rule = category is AddressCategory.CloudMetadata
            ? "it is never fetched, even when allow-listed."
            : $"only public addresses are allowed unless the operator allow-lists the network ({AllowedNetworksKey}).";
        return new SourceAccessDeniedException(reason, $"{subject}; {rule}", host ?? address.ToString(), address);
    }

    private static string Describe(AddressCategory category) => category switch
    {
        AddressCategory.Loopback => "a loopback address",
        AddressCategory.Private => "a private network address",
        AddressCategory.SharedAddressSpace => "a carrier-grade NAT (shared) address",
        AddressCategory.LinkLocal => "a link-local address",
        AddressCategory.Multicast => "a multicast address",
        AddressCategory.Unspecified => "the unspecified address",
        AddressCategory.Broadcast => "the broadcast address",
        AddressCategory.Documentation => "a documentation address",
        AddressCategory.Benchmarking => "a benchmarking address",
        AddressCategory.CloudMetadata => "a cloud metadata endpoint",
        _ => "a reserved special-purpose address",
    };

    /// <summary>Whether an operator-allow-listed network holds the address (public or not).</summary>
    public bool IsAllowListed(IPAddress address)
    {
        var target = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        foreach (var network in allowedNetworks)
        {
            if (network.Contains(target) || network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
