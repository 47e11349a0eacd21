using System.Net;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;

namespace Glance.Media.Fetching;

/// <summary>
/// HTTP with the SSRF guard built in. The handler resolves every host itself, checks every address and connects to
/// a checked address (no gap for DNS rebinding between check and connect); proxies, cookies and automatic
/// decompression are off; redirects are followed here, each hop validated again, at most
/// <see cref="SourceAccessOptions.MaxRedirects"/> times. Refusals surface as <see cref="SourceAccessDeniedException"/>.
/// </summary>
public sealed class GuardedHttpClient : IDisposable
{
    private static readonly HttpRequestOptionsKey<string> RoleKey = new("Glance.Fetching.Role");
    private readonly SsrfGuard guard;
    private readonly HttpClient client;

    public GuardedHttpClient(SsrfGuard guard)
    {
        ArgumentNullException.ThrowIfNull(guard);
        this.guard = guard;
        client = new HttpClient(CreateHandler(guard), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", guard.Options.UserAgent);
    }

    /// <summary>
    /// A handler that only ever connects to addresses the guard allows. For callers that build their own client
    /// (webhook delivery): it does not follow redirects; add <see cref="SsrfGuard.ValidateSourceAsync"/> for a clear
    /// message up front.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(SsrfGuard guard)
    {
        ArgumentNullException.ThrowIfNull(guard);
        var options = guard.Options;
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            PreAuthenticate = false,
            // Size caps count the bytes we keep; we ask for identity encoding and decode ourselves when a server
            // compresses anyway, with the cap applied to the decoded bytes, so no decompression bomb gets through.
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = options.PooledConnectionLifetime,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(Math.Min(60, options.PooledConnectionLifetime.TotalSeconds)),
            MaxResponseHeadersLength = 64, // KiB
            // A response abandoned for being too large is not read to the end to reuse its connection.
            MaxResponseDrainSize = 16 * 1024,
            ResponseDrainTimeout = TimeSpan.FromSeconds(1),
            ConnectCallback = (context, cancellationToken) => ConnectAsync(guard, context, cancellationToken),
        };
    }

    /// <summary>
    /// Sends a GET for <paramref name="url"/> (http or https), following redirects. Returns the final response with
    /// its headers read and its body unread; the caller disposes it. <c>response.RequestMessage.RequestUri</c> is the
    /// final URL, against which relative references in the body resolve. A 3xx without a Location is returned as is.
    /// </summary>
    public async Task<HttpResponseMessage> GetAsync(Uri url, Action<HttpRequestMessage>? configure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var current = url;
        for (var hop = 0; ; hop++)
        {
            var viaRedirect = hop > 0;
            guard.Policy.EnsureUrlAllowed(current, viaRedirect);
            if (current.IsFile)
            {
                throw new ArgumentException("file:// sources are read by SourceFetcher, not over HTTP.", nameof(url));
            }

            var request = new HttpRequestMessage(HttpMethod.Get, current)
            {
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
            };
            request.Options.Set(RoleKey, viaRedirect ? "redirect target" : "source");
            configure?.Invoke(request);

            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e) when (FindDenial(e) is { } denial)
            {
                request.Dispose();
                ExceptionDispatchInfo.Throw(denial);
                throw;
            }
            catch
            {
                request.Dispose();
                throw;
            }

            if (!IsRedirect(response.StatusCode) || response.Headers.Location is not { } location)
            {
                return response;
            }

            response.Dispose();
            request.Dispose();
            if (hop >= guard.Options.MaxRedirects)
            {
                var key = $"{SourceAccessOptions.SectionName}:{nameof(SourceAccessOptions.MaxRedirects)}";
                throw new SourceAccessDeniedException(
                    SourceAccessDeniedReason.TooManyRedirects,
                    $"The source redirected more than {guard.Options.MaxRedirects} times; no more redirects are followed ({key}).",
                    url.IdnHost);
            }

            current = location.IsAbsoluteUri ? location : new Uri(current, location);
        }
    }

    public void Dispose() => client.Dispose();

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static SourceAccessDeniedException? FindDenial(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is SourceAccessDeniedException denial)
            {
                return denial;
            }
        }

        return null;
    }

    private static async ValueTask<Stream> ConnectAsync(SsrfGuard guard, SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var role = context.InitialRequestMessage.Options.TryGetValue(RoleKey, out var value) ? value : "source";
        var addresses = await guard.ResolveAllowedAsync(context.DnsEndPoint.Host, role, cancellationToken).ConfigureAwait(false);
        SocketException? lastError = null;
        foreach (var resolved in addresses)
        {
            // A mapped address is an IPv4 destination; connect to it as one rather than rely on dual-mode sockets.
            var address = resolved.IsIPv4MappedToIPv6 ? resolved.MapToIPv4() : resolved;
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                lastError = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw lastError ?? new SocketException((int)SocketError.HostNotFound);
    }
}
