namespace Glance.Media.Hls;

/// <summary>EXT-X-START: where the playlist's author prefers playback to begin.</summary>
/// <param name="TimeOffset">Seconds from the start of the playlist, or from its end when negative.</param>
/// <param name="Precise">PRECISE=YES.</param>
public sealed record PlaylistStart(double TimeOffset, bool Precise);
