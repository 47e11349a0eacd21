namespace Glance.Media.Hls;

/// <summary>
/// Resolves the URIs written in a playlist against the playlist's own URL (RFC 3986 section 5). The common case, a
/// plain file name or path below the playlist's folder, is joined by string concatenation, about three times cheaper
/// than <see cref="Uri(Uri, string)"/>; everything else takes the general route.
/// </summary>
internal sealed class UriResolver
{
    private readonly Uri baseUri;
    private readonly string? directoryPrefix;
    // The last reference resolved is remembered as a slice of a string we already had to build: lastKey[lastKeyStart..].
    private string? lastKey;
    private int lastKeyStart;
    private Uri? lastResolved;

    public UriResolver(Uri baseUri)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        if (!baseUri.IsAbsoluteUri)
        {
            throw new ArgumentException("The playlist's base URI must be absolute.", nameof(baseUri));
        }

        this.baseUri = baseUri;
        if (baseUri.Scheme is "http" or "https" or "file")
        {
            var path = baseUri.GetLeftPart(UriPartial.Path);
            var slash = path.LastIndexOf('/');
            directoryPrefix = slash > path.IndexOf("//", StringComparison.Ordinal) + 1 ? path[..(slash + 1)] : null;
        }
    }

    public Uri BaseUri => baseUri;

    public Uri Resolve(ReadOnlySpan<char> reference, int lineNumber)
    {
        // Byte-range playlists name one resource many times in a row.
        if (lastResolved is not null && reference.SequenceEqual(lastKey.AsSpan(lastKeyStart)))
        {
            return lastResolved;
        }

        if (reference.IsEmpty)
        {
            throw new PlaylistParseException("empty URI", lineNumber);
        }

        Uri? resolved;
        string key;
        var keyStart = 0;
        if (directoryPrefix is not null && IsPlainRelativePath(reference))
        {
            key = string.Concat(directoryPrefix, reference);
            keyStart = directoryPrefix.Length;
            Uri.TryCreate(key, UriKind.Absolute, out resolved);
        }
        else if (StartsWithHttpScheme(reference))
        {
            key = reference.ToString();
            Uri.TryCreate(key, UriKind.Absolute, out resolved);
        }
        else
        {
            key = reference.ToString();
            Uri.TryCreate(baseUri, key, out resolved);
        }

        if (resolved is null)
        {
            throw new PlaylistParseException($"'{AttributeReader.Shorten(reference)}' is not a valid URI", lineNumber);
        }

        lastKey = key;
        lastKeyStart = keyStart;
        lastResolved = resolved;
        return resolved;
    }

    /// <summary>
    /// True for references that resolve by appending to the base's folder: no scheme or authority, not rooted, no dot
    /// segments, nothing the general resolver would treat specially.
    /// </summary>
    private static bool IsPlainRelativePath(ReadOnlySpan<char> reference)
    {
        if (reference[0] is '/' or '.' or '?' or '#')
        {
            return false;
        }

        foreach (var c in reference)
        {
            if (c <= ' ' || c is ':' or '\\' or '%' || c >= '\u007f')
            {
                return false;
            }
        }

        return !reference.Contains("/.", StringComparison.Ordinal);
    }

    private static bool StartsWithHttpScheme(ReadOnlySpan<char> reference) =>
        reference.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ||
        reference.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}
