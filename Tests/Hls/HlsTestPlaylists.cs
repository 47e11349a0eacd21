using System.Text.Json;
using Glance.Media.Hls;

namespace Glance.Tests.Hls;

/// <summary>Shared helpers: a base URL, parsing shortcuts and compact JSON of one playlist or segment.</summary>
internal static class HlsTestPlaylists
{
    public static readonly Uri Base = new("https://cdn.example.com/live/720p/index.m3u8?token=abc");

    /// <summary>Joins lines with LF, after a header line.</summary>
    public static string Lines(params string[] lines) => string.Join('\n', lines);

    public static MediaPlaylist MediaOf(string text) => (MediaPlaylist)PlaylistParser.Parse(text, Base);

    public static MasterPlaylist MasterOf(string text) => (MasterPlaylist)PlaylistParser.Parse(text, Base);

    /// <summary>Compact JSON with plain quotes and ampersands, easy to match fragments against.</summary>
    public static string CompactJson(Playlist playlist)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            PlaylistJson.Write(playlist, writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Checks each fragment is in the JSON, or, when it starts with '!', that the rest is not.</summary>
    public static void ShouldMatchFragments(string json, IEnumerable<string> fragments)
    {
        foreach (var fragment in fragments)
        {
            if (fragment.StartsWith('!'))
            {
                json.Should().NotContain(fragment[1..]);
            }
            else
            {
                json.Should().Contain(fragment);
            }
        }
    }
}
