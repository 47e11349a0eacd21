namespace Glance.Media.Fetching;

/// <summary>
/// Fetches HLS playlists and segments from http(s) or allowed file sources through the SSRF guard, with timeouts,
/// bounded retries and size caps. Failures are <see cref="SourceFetchException"/>; caller cancellation is an
/// <see cref="OperationCanceledException"/>.
/// </summary>
public interface ISourceFetcher
{
    Task<FetchedPlaylist> FetchPlaylistAsync(Uri source, CancellationToken cancellationToken);

    Task<FetchedSegment> FetchSegmentAsync(Uri source, FetchRange? range, CancellationToken cancellationToken);
}
