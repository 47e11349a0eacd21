namespace Glance.Media.Hls;

/// <summary>
/// An RFC 8216 violation the parser read past because players play on: the playlist means one thing despite it.
/// </summary>
/// <param name="Code">Stable, machine-readable name of the rule (see <see cref="PlaylistWarningCodes"/>).</param>
/// <param name="Line">1-based line the violation is on.</param>
/// <param name="Message">What was wrong, which RFC 8216 section it breaks, and how it was read.</param>
public sealed record PlaylistWarning(string Code, int Line, string Message);
