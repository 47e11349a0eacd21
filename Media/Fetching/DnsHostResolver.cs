using System.Net;
using Microsoft.Extensions.Options;

namespace Glance.Media.Fetching;

/// <summary>The system resolver, bounded by <see cref="SourceAccessOptions.DnsTimeout"/>.</summary>
public sealed class DnsHostResolver(IOptions<SourceAccessOptions> options) : IHostResolver
{
    private readonly TimeSpan timeout = options.Value.DnsTimeout;

    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        // WaitAsync bounds the wait even where the platform resolver cannot be cancelled.
        return await Dns.GetHostAddressesAsync(host, cancellationToken).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
    }
}
