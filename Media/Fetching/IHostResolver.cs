using System.Net;

namespace Glance.Media.Fetching;

/// <summary>
/// Resolves host names for the SSRF guard. Both the pre-check and every connection go through it, so the addresses
/// that are checked are exactly the addresses that are connected to.
/// </summary>
public interface IHostResolver
{
    /// <summary>
    /// Every address of <paramref name="host"/> (a DNS name, never an IP literal). Throws
    /// <see cref="System.Net.Sockets.SocketException"/> when the name does not resolve and
    /// <see cref="TimeoutException"/> when resolution takes too long; may return an empty array.
    /// </summary>
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
