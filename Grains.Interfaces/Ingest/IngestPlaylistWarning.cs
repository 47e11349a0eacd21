namespace Glance.Grains.Interfaces.Ingest;

/// <summary>
/// An RFC 8216 violation the source's playlist keeps showing: ingestion reads past it (players do), and reports it so
/// the broadcaster can be told. One per code and playlist; the line and message are those of the latest load.
/// </summary>
/// <param name="Code">The parser's stable warning code, e.g. <c>extinf-trailing-text</c>.</param>
/// <param name="Playlist">The playlist (master or media) it was found in.</param>
/// <param name="Loads">How many loads of that playlist showed it.</param>
[GenerateSerializer, Immutable, Alias("glance.ingest-playlist-warning")]
public sealed record IngestPlaylistWarning(
    string Code,
    Uri Playlist,
    int Line,
    string Message,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset LastSeenAt,
    long Loads);
