namespace Glance.Media.Fetching;

/// <summary>A playlist's text. Resolve relative URIs in it against <see cref="FinalUrl"/> (the URL after redirects).</summary>
public sealed record FetchedPlaylist(Uri Source, Uri FinalUrl, string Text, int Attempts);
