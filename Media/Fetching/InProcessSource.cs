namespace Glance.Media.Fetching;

/// <summary>
/// A source this process produces itself (the demo's synthetic channel), read straight from its folder by the
/// fetcher: no socket is opened, so trusting it opens no network to anyone. It owns every URL under
/// <see cref="Prefix"/>, whose host should be a name that can never resolve (RFC 6761 ".invalid"): should the source
/// not be registered in some run, the URL fails to resolve instead of reaching a real host.
/// </summary>
public sealed class InProcessSource
{
    private readonly Func<string> folder;
    private readonly string[] extensions;

    /// <param name="prefix">An absolute http URL ending in '/', without query or user info.</param>
    /// <param name="folder">The folder the files are read from; asked at each fetch, because it may be known only once the producer starts.</param>
    /// <param name="extensions">The only file extensions served (".m3u8", ".ts"): anything else in the folder stays private.</param>
    public InProcessSource(Uri prefix, Func<string> folder, params string[] extensions)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(folder);
        if (!prefix.IsAbsoluteUri || prefix.Scheme != Uri.UriSchemeHttp || !prefix.AbsolutePath.EndsWith('/') || prefix.Query.Length > 0 || prefix.UserInfo.Length > 0)
        {
            throw new ArgumentException("An in-process source prefix is an absolute http URL ending in '/', with no query or user info.", nameof(prefix));
        }

        Prefix = prefix;
        this.folder = folder;
        this.extensions = extensions;
    }

    public Uri Prefix { get; }

    /// <summary>True when <paramref name="url"/> is on this source's host: such a URL is never fetched over the network.</summary>
    public bool Owns(Uri url) =>
        url.IsAbsoluteUri && !url.IsFile && string.Equals(url.Host, Prefix.Host, StringComparison.OrdinalIgnoreCase) && url.Port == Prefix.Port;

    /// <summary>
    /// The file behind an owned URL: a plain file name directly under the prefix with one of the served extensions.
    /// Throws <see cref="SourceAccessDeniedException"/> for anything else (other paths, traversal, queries).
    /// </summary>
    public string ResolvePath(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var path = url.AbsolutePath;
        var name = path.StartsWith(Prefix.AbsolutePath, StringComparison.Ordinal) ? Uri.UnescapeDataString(path[Prefix.AbsolutePath.Length..]) : string.Empty;
        if (url.Scheme != Uri.UriSchemeHttp || url.UserInfo.Length > 0 || url.Query.Length > 0 || !Owns(url)
            || name.Length == 0 || name != Path.GetFileName(name) || name.StartsWith('.')
            || !extensions.Contains(Path.GetExtension(name), StringComparer.OrdinalIgnoreCase))
        {
            throw new SourceAccessDeniedException(
                SourceAccessDeniedReason.InvalidUrl, $"{SourceFetcher.Describe(url)} is not a file this service serves from its own channel.", url.Host);
        }

        return Path.Combine(folder(), name);
    }
}
