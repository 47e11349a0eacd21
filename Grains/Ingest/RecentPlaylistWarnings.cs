using Glance.Grains.Interfaces.Ingest;
using Glance.Media.Hls;

namespace Glance.Grains.Ingest;

/// <summary>
/// The distinct playlist warnings a stream has shown lately, one per (code, playlist), at most a fixed number: the
/// least recently seen goes first. A live playlist repeats its violations on every reload, so they are counted, not
/// listed again; line numbers shift as the window slides, so the line is not part of what makes one distinct.
/// </summary>
public sealed class RecentPlaylistWarnings(int capacity)
{
    private readonly Dictionary<(string Code, Uri Playlist), IngestPlaylistWarning> warnings = [];

    /// <summary>Notes one load's warnings; returns the codes not seen before for that playlist (to log once).</summary>
    public IReadOnlyList<PlaylistWarning> Note(Playlist playlist, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(playlist);
        List<PlaylistWarning>? fresh = null;
        HashSet<string>? seenThisLoad = null;
        foreach (var warning in playlist.Warnings)
        {
            seenThisLoad ??= new HashSet<string>(StringComparer.Ordinal);
            if (!seenThisLoad.Add(warning.Code))
            {
                continue; // the first of a code stands for the load
            }

            var key = (warning.Code, playlist.BaseUri);
            if (warnings.TryGetValue(key, out var known))
            {
                warnings[key] = known with { Line = warning.Line, Message = warning.Message, LastSeenAt = now, Loads = known.Loads + 1 };
                continue;
            }

            if (warnings.Count >= capacity)
            {
                warnings.Remove(warnings.MinBy(entry => entry.Value.LastSeenAt).Key);
            }

            warnings[key] = new IngestPlaylistWarning(warning.Code, playlist.BaseUri, warning.Line, warning.Message, now, now, 1);
            (fresh ??= []).Add(warning);
        }

        return fresh ?? (IReadOnlyList<PlaylistWarning>)[];
    }

    /// <summary>Most recently seen first.</summary>
    public IReadOnlyList<IngestPlaylistWarning> Snapshot() =>
        [.. warnings.Values.OrderByDescending(w => w.LastSeenAt).ThenBy(w => w.Code, StringComparer.Ordinal)];
}
