using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Glance.Media.Fetching;

/// <summary>
/// Refuses sources that would make the service reach into private networks (SSRF). Use
/// <see cref="ValidateSourceAsync"/> when a source is registered; <see cref="GuardedHttpClient"/> applies the same
/// rules again to every redirect hop and every connection, so a later DNS change cannot slip past.
/// </summary>
public sealed class SsrfGuard
{
    private readonly IHostResolver resolver;
    private readonly FileSourcePolicy files;

    public SsrfGuard(IOptions<SourceAccessOptions> options, IHostResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(resolver);
        Options = options.Value;
        SourceAccessOptionsValidator.EnsureValid(Options);
        Policy = new NetworkPolicy(Options);
        files = new FileSourcePolicy(Options);
        this.resolver = resolver;
    }

    public SourceAccessOptions Options { get; }

    public NetworkPolicy Policy { get; }

    /// <summary>
    /// Checks a source as registered: URL shape and scheme, then every address its host resolves to (or, for an
    /// allowed file:// source, that it lies under an allowed root). Throws <see cref="SourceAccessDeniedException"/>.
    /// </summary>
    public async Task ValidateSourceAsync(Uri source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        Policy.EnsureUrlAllowed(source, viaRedirect: false);
        if (source.IsFile)
        {
            files.ResolveAllowedPath(source);
            return;
        }

        if (NetworkPolicy.TryGetAddressLiteral(source, out _))
        {
            return; // checked by EnsureUrlAllowed
        }

        try
        {
            await ResolveAllowedAsync(source.IdnHost, "source", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or TimeoutException)
        {
            throw new SourceAccessDeniedException(
                SourceAccessDeniedReason.UnresolvableHost, $"The source host {source.IdnHost} could not be resolved ({e.Message}).", source.IdnHost, inner: e);
        }
    }

    /// <summary>
    /// Checks a webhook target as registered, with the sources' rules (no file://, every resolved address allowed,
    /// metadata never), and https unless every address lies in a network the operator allow-listed: cleartext only
    /// where the operator said the network is theirs (a receiver on loopback in a test or on a laptop).
    /// </summary>
    public async Task ValidateWebhookTargetAsync(Uri target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        const string role = "webhook target";
        if (target.IsFile)
        {
            throw new SourceAccessDeniedException(SourceAccessDeniedReason.Scheme, "A webhook target must be an https URL, not a file.");
        }

        Policy.EnsureUrlAllowed(target, viaRedirect: false, role);
        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAllowedAsync(target.IdnHost, role, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or TimeoutException)
        {
            throw new SourceAccessDeniedException(
                SourceAccessDeniedReason.UnresolvableHost, $"The webhook host {target.IdnHost} could not be resolved ({e.Message}).", target.IdnHost, inner: e);
        }

        if (target.Scheme != Uri.UriSchemeHttps && !addresses.All(Policy.IsAllowListed))
        {
            throw new SourceAccessDeniedException(
                SourceAccessDeniedReason.Scheme,
                $"A webhook target must use https; http is accepted only for networks the operator allow-lists ({SourceAccessOptions.SectionName}:{nameof(SourceAccessOptions.AllowedNetworks)}).",
                target.IdnHost);
        }
    }

    /// <summary>The resolved local path of an allowed file:// source.</summary>
    public string ResolveFileSource(Uri source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Policy.EnsureUrlAllowed(source, viaRedirect: false);
        return files.ResolveAllowedPath(source);
    }

    /// <summary>
    /// Every address of <paramref name="host"/> (name or IP literal), all checked: one refused address refuses the
    /// host, because the resolver's order decides which one is used. Resolution failures surface as
    /// <see cref="SocketException"/> or <see cref="TimeoutException"/>.
    /// </summary>
    public async Task<IPAddress[]> ResolveAllowedAsync(string host, string role, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        if (NetworkPolicy.TryParseHostLiteral(host, out var literal))
        {
            Policy.EnsureAllowed(literal, host: null, role);
            return [literal];
        }

        NetworkPolicy.EnsureHostNameAllowed(host, role);
        var addresses = await resolver.ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound, $"{host} has no addresses.");
        }

        foreach (var address in addresses)
        {
            Policy.EnsureAllowed(address, host, role);
        }

        return addresses;
    }
}
