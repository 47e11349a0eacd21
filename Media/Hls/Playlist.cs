namespace Glance.Media.Hls;

/// <summary>
/// What master and media playlists share (RFC 8216 section 4.3.5). Parse one with <see cref="PlaylistParser"/> and
/// switch on the concrete type: <see cref="MasterPlaylist"/> or <see cref="MediaPlaylist"/>.
/// </summary>
public abstract record Playlist
{
    /// <summary>The URL the playlist was loaded from; every relative URI in it was resolved against this.</summary>
    public required Uri BaseUri { get; init; }

    /// <summary>EXT-X-VERSION, when present.</summary>
    public int? Version { get; init; }

    /// <summary>EXT-X-INDEPENDENT-SEGMENTS.</summary>
    public bool IndependentSegments { get; init; }

    /// <summary>EXT-X-START, when present.</summary>
    public PlaylistStart? Start { get; init; }

    /// <summary>
    /// RFC 8216 violations read past, in line order (see <see cref="PlaylistWarningCodes"/>); empty for a conforming
    /// playlist. Capped by <see cref="PlaylistParserLimits.MaxWarnings"/>; <see cref="OmittedWarnings"/> counts the rest.
    /// </summary>
    public IReadOnlyList<PlaylistWarning> Warnings { get; init; } = [];

    /// <summary>Warnings beyond the caps, counted but not kept.</summary>
    public int OmittedWarnings { get; init; }
}
