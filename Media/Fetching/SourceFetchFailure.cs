namespace Glance.Media.Fetching;

/// <summary>Why a playlist or segment could not be fetched.</summary>
public enum SourceFetchFailure
{
    /// <summary>The server answered with a status that is not success; see <see cref="SourceFetchException.StatusCode"/>.</summary>
    HttpStatus,

    /// <summary>A request, or the whole fetch with its retries, ran out of time.</summary>
    Timeout,

    /// <summary>The body is larger than the configured cap; it was not read past the cap.</summary>
    TooLarge,

    /// <summary>The access policy refused the source, a redirect or a connection; see <see cref="SourceFetchException.Denial"/>.</summary>
    Denied,

    /// <summary>Name resolution, connection, TLS or transfer failed, or the server spoke broken HTTP.</summary>
    Network,

    /// <summary>The body is not what was asked for: not UTF-8, a wrong byte range, an unknown content encoding.</summary>
    InvalidContent,

    /// <summary>A file source could not be read (missing, unreadable).</summary>
    FileError,
}
