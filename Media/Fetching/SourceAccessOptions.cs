namespace Glance.Media.Fetching;

/// <summary>
/// How event sources (and later webhook targets) may be reached: which networks, which local files, and the limits
/// of every request. Bound to the "Ingest" section. Defaults suit a public deployment: public addresses only, no files.
/// </summary>
public sealed class SourceAccessOptions
{
    public const string SectionName = "Ingest";

    /// <summary>
    /// CIDR networks (IPv4 or IPv6, for example "127.0.0.0/8" or "fd12:3456::/48"; a bare address means just that
    /// address) that may be fetched although not public. Cloud metadata addresses stay refused whatever this says.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>Allows file:// sources, but only under <see cref="AllowedFileRoots"/>.</summary>
    public bool AllowFileSources { get; set; }

    /// <summary>Directories file:// sources must resolve into (after following symbolic links).</summary>
    public List<string> AllowedFileRoots { get; set; } = [];

    /// <summary>Redirects followed per request; each hop is validated again.</summary>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>Time allowed for one host name resolution.</summary>
    public TimeSpan DnsTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time allowed to resolve and open one TCP connection (TLS handshake included).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time allowed for one playlist request, headers and body, redirects included.</summary>
    public TimeSpan PlaylistRequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time allowed for one segment request, headers and body, redirects included.</summary>
    public TimeSpan SegmentRequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Total time for one playlist fetch, every attempt and backoff included.</summary>
    public TimeSpan PlaylistDeadline { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Total time for one segment fetch, every attempt and backoff included.</summary>
    public TimeSpan SegmentDeadline { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Attempts per fetch, the first included. Only timeouts, connection errors, 408, 429 and 5xx are retried.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Backoff before retry n is a random delay in [0, min(RetryMaxDelay, RetryBaseDelay * 2^(n-1))].</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>The longest Retry-After a server can impose; longer requests are shortened to this.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest playlist accepted, counted on the decoded body.</summary>
    public long MaxPlaylistBytes { get; set; } = 4L * 1024 * 1024;

    /// <summary>Largest segment (or byte range, including any prefix a server that ignores Range makes us skip).</summary>
    public long MaxSegmentBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Pooled connections are replaced after this long, so DNS changes are picked up (and checked again).</summary>
    public TimeSpan PooledConnectionLifetime { get; set; } = TimeSpan.FromMinutes(2);

    public string UserAgent { get; set; } = "Glance/1.0 (+live video intelligence)";
}
