using System.Text.Json;
using Glance.Media.Hls;
using static Glance.Tests.Hls.HlsTestPlaylists;

namespace Glance.Tests.Hls;

public sealed class PlaylistJsonTests
{
    [Fact]
    public void Master_playlist_json_has_variants_and_renditions_with_numbers_as_numbers()
    {
        var master = MasterOf("""
            #EXTM3U
            #EXT-X-VERSION:4
            #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",NAME="English",LANGUAGE="en",DEFAULT=YES,AUTOSELECT=YES,URI="a/en.m3u8"
            #EXT-X-STREAM-INF:BANDWIDTH=3000000,AVERAGE-BANDWIDTH=2500000,RESOLUTION=1280x720,CODECS="avc1.64001f,mp4a.40.2",FRAME-RATE=25,AUDIO="aud"
            v720.m3u8?sig=1&x=2
            #EXT-X-STREAM-INF:BANDWIDTH=800000
            v360.m3u8
            """);

        using var json = JsonDocument.Parse(PlaylistJson.Serialize(master));
        var root = json.RootElement;

        root.GetProperty("kind").GetString().Should().Be("master");
        root.GetProperty("version").GetInt32().Should().Be(4);
        root.TryGetProperty("segments", out _).Should().BeFalse();
        root.TryGetProperty("targetDuration", out _).Should().BeFalse();
        var variant = root.GetProperty("variants")[0];
        variant.GetProperty("uri").GetString().Should().Be("https://cdn.example.com/live/720p/v720.m3u8?sig=1&x=2");
        variant.GetProperty("bandwidth").ValueKind.Should().Be(JsonValueKind.Number);
        variant.GetProperty("bandwidth").GetInt64().Should().Be(3_000_000);
        variant.GetProperty("averageBandwidth").GetInt64().Should().Be(2_500_000);
        variant.GetProperty("resolution").GetProperty("width").GetInt32().Should().Be(1280);
        variant.GetProperty("resolution").GetProperty("height").GetInt32().Should().Be(720);
        variant.GetProperty("codecs").GetString().Should().Be("avc1.64001f,mp4a.40.2");
        variant.GetProperty("frameRate").GetDouble().Should().Be(25);
        variant.GetProperty("audio").GetString().Should().Be("aud");
        var bare = root.GetProperty("variants")[1];
        bare.EnumerateObject().Select(p => p.Name).Should().Equal("uri", "bandwidth");
        var rendition = root.GetProperty("renditions")[0];
        rendition.GetProperty("type").GetString().Should().Be("AUDIO");
        rendition.GetProperty("groupId").GetString().Should().Be("aud");
        rendition.GetProperty("name").GetString().Should().Be("English");
        rendition.GetProperty("language").GetString().Should().Be("en");
        rendition.GetProperty("uri").GetString().Should().Be("https://cdn.example.com/live/720p/a/en.m3u8");
        rendition.GetProperty("default").GetBoolean().Should().BeTrue();
        rendition.GetProperty("autoselect").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public void Media_playlist_json_leaves_out_what_the_playlist_does_not_say()
    {
        var media = MediaOf("#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXTINF:5.5,\ns.ts\n");

        using var json = JsonDocument.Parse(PlaylistJson.Serialize(media));
        var root = json.RootElement;

        root.EnumerateObject().Select(p => p.Name).Should().Equal(
            "kind", "uri", "independentSegments", "targetDuration", "mediaSequence", "discontinuitySequence", "endList",
            "totalDuration", "segments", "dateRanges");
        root.GetProperty("segments")[0].EnumerateObject().Select(p => p.Name).Should().Equal(
            "mediaSequence", "discontinuitySequence", "uri", "duration", "discontinuity", "gap", "cues");
    }

    [Fact]
    public void Writes_into_a_callers_writer()
    {
        var media = MediaOf("#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXTINF:5.5,\ns.ts\n");
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            PlaylistJson.Write(media, writer);
            PlaylistJson.Write(media, writer);
            writer.WriteEndArray();
        }

        JsonDocument.Parse(buffer.ToArray()).RootElement.GetArrayLength().Should().Be(2);
    }
}
