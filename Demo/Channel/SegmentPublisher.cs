using System.Globalization;
using Glance.Media.Hls;
using Microsoft.Extensions.Logging;

namespace Glance.Demo.Channel;

/// <summary>
/// Carries what ffmpeg writes into its staging folder over to the output folder that readers see: each segment once
/// ffmpeg lists it (rewritten on the way, see <see cref="SyntheticChannel"/>), then the playlist as ffmpeg wrote it,
/// both under a temporary name renamed into place, so a listed segment is always there and never half written.
/// Segments that left the playlist a playlist's length ago are deleted, which is what ffmpeg's delete_segments did.
/// </summary>
/// <remarks>
/// The channel publishes from its supervisor, and from start and stop around it; a lock keeps a supervisor slow to stop
/// from publishing beside them.
/// </remarks>
internal sealed class SegmentPublisher(
    string stagingFolder,
    string outputFolder,
    SyntheticChannelOptions options,
    Func<MediaPlaylist, MediaSegment, byte[], byte[]> rewrite,
    ILogger logger)
{
    private const long MaxPlaylistBytes = 1024 * 1024;
    private const string TemporarySuffix = ".tmp";

    private readonly Lock gate = new();
    private byte[]? publishedText;
    private MediaPlaylist? published;

    public string StagingFolder => stagingFolder;

    /// <summary>
    /// Publishes the segments ffmpeg listed since the last call and then its playlist; returns the playlist published
    /// (the last one when nothing changed), or null when ffmpeg has listed nothing yet. An I/O failure is logged and
    /// retried at the next call.
    /// </summary>
    public MediaPlaylist? Publish()
    {
        lock (gate)
        {
            return PublishCore();
        }
    }

    /// <summary>
    /// Empties the staging folder for a new ffmpeg run; a continued run finds the published playlist there to append to
    /// (ffmpeg's append_list reads only the playlist, never the segments it lists).
    /// </summary>
    public void Reset(bool continuePlaylist)
    {
        lock (gate)
        {
            if (Directory.Exists(stagingFolder))
            {
                Directory.Delete(stagingFolder, recursive: true);
            }

            Directory.CreateDirectory(stagingFolder);
            var playlist = Path.Combine(outputFolder, options.PlaylistName);
            if (continuePlaylist && File.Exists(playlist))
            {
                File.Copy(playlist, Path.Combine(stagingFolder, options.PlaylistName));
            }

            publishedText = null;
        }
    }

    private MediaPlaylist? PublishCore()
    {
        var path = Path.Combine(stagingFolder, options.PlaylistName);
        byte[] text;
        MediaPlaylist? playlist;
        try
        {
            var file = new FileInfo(path);
            if (!file.Exists || file.Length > MaxPlaylistBytes)
            {
                return published;
            }

            text = File.ReadAllBytes(path);
            if (publishedText is not null && text.AsSpan().SequenceEqual(publishedText))
            {
                return published;
            }

            playlist = PlaylistParser.Parse(text, new Uri(path)) as MediaPlaylist;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlaylistParseException)
        {
            // ffmpeg renames a complete playlist over the old one; a read that fails is retried at the next call.
            return published;
        }

        if (playlist is null)
        {
            return published;
        }

        try
        {
            foreach (var segment in playlist.Segments)
            {
                var name = Path.GetFileName(segment.Uri.LocalPath);
                var staged = Path.Combine(stagingFolder, name);
                if (!File.Exists(staged))
                {
                    continue; // published already, or listed by an earlier run
                }

                WriteAtomically(Path.Combine(outputFolder, name), rewrite(playlist, segment, File.ReadAllBytes(staged)));
                File.Delete(staged);
            }

            WriteAtomically(Path.Combine(outputFolder, options.PlaylistName), text);
            DeleteUnlisted(playlist);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "Demo channel: publishing to {Folder} failed; retrying", outputFolder);
            return published;
        }

        publishedText = text;
        published = playlist;
        return playlist;
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temporary = path + TemporarySuffix;
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }

    private void DeleteUnlisted(MediaPlaylist playlist)
    {
        if (playlist.Segments.Count == 0)
        {
            return;
        }

        var oldestKept = playlist.Segments[0].MediaSequence - options.ListSize;
        foreach (var file in Directory.EnumerateFiles(outputFolder, options.SegmentPrefix + "*.ts", SearchOption.TopDirectoryOnly))
        {
            var number = Path.GetFileNameWithoutExtension(file)[options.SegmentPrefix.Length..];
            if (long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) && sequence < oldestKept)
            {
                File.Delete(file);
            }
        }
    }
}
