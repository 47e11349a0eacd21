using Glance.Media.Hls;
using static Glance.Tests.Hls.HlsTestPlaylists;

namespace Glance.Tests.Hls;

/// <summary>One hand-written playlist per tag form; the expectation is a fragment of the inspect JSON.</summary>
public sealed class MediaTagTableTests
{
    private const string Payload = "/DAlAAAAAAAAAP/wFAUAAAABf+/+AJcsTX4AKTLgAAEAAAAAPh/Gug==";

    [Theory]
    [InlineData("#EXTINF:4.004,\nseg1.ts", "\"uri\":\"https://cdn.example.com/live/720p/seg1.ts\",\"duration\":4.004", "!\"title\"")]
    [InlineData("#EXTINF:4.004,Opening titles\nseg1.ts", "\"duration\":4.004,\"title\":\"Opening titles\"")]
    [InlineData("#EXTINF:6\nseg1.ts", "\"duration\":6,")]
    [InlineData("#EXTINF:2.5,\n../other/seg1.ts", "\"uri\":\"https://cdn.example.com/live/other/seg1.ts\"")]
    [InlineData("#EXTINF:2.5,\n/root/seg1.ts", "\"uri\":\"https://cdn.example.com/root/seg1.ts\"")]
    [InlineData("#EXTINF:2.5,\nhttps://other.example.net/a/b.ts", "\"uri\":\"https://other.example.net/a/b.ts\"")]
    [InlineData("#EXTINF:2.5,\nseg1.ts?sig=x&exp=1", "\"uri\":\"https://cdn.example.com/live/720p/seg1.ts?sig=x&exp=1\"")]
    [InlineData("#EXTINF:2.5,\nsub/dir/seg1.ts", "\"uri\":\"https://cdn.example.com/live/720p/sub/dir/seg1.ts\"")]
    [InlineData("#EXT-X-BYTERANGE:1000@200\n#EXTINF:2,\nseg1.ts", "\"byteRange\":{\"length\":1000,\"offset\":200}")]
    [InlineData("#EXT-X-DISCONTINUITY\n#EXTINF:2,\nseg1.ts", "\"discontinuitySequence\":1,", "\"discontinuity\":true")]
    [InlineData("#EXTINF:2,\nseg1.ts", "\"discontinuitySequence\":0,", "\"discontinuity\":false", "\"gap\":false", "\"cues\":[]")]
    [InlineData("#EXT-X-PROGRAM-DATE-TIME:2024-05-01T12:00:00.000+02:00\n#EXTINF:2,\nseg1.ts", "\"programDateTime\":\"2024-05-01T12:00:00+02:00\"")]
    [InlineData("#EXT-X-PROGRAM-DATE-TIME:2024-05-01T12:00:00.250+0200\n#EXTINF:2,\nseg1.ts", "\"programDateTime\":\"2024-05-01T12:00:00.25+02:00\"")]
    [InlineData("#EXT-X-PROGRAM-DATE-TIME:2024-05-01T10:00:00Z\n#EXTINF:2,\nseg1.ts", "\"programDateTime\":\"2024-05-01T10:00:00+00:00\"")]
    [InlineData("#EXT-X-PROGRAM-DATE-TIME:2024-05-01T10:00:00.123456-05:30\n#EXTINF:2,\nseg1.ts", "\"programDateTime\":\"2024-05-01T10:00:00.123456-05:30\"")]
    [InlineData("#EXTINF:2,\n#EXT-X-PROGRAM-DATE-TIME:2024-05-01T10:00:00Z\nseg1.ts", "\"programDateTime\":\"2024-05-01T10:00:00+00:00\"")]
    [InlineData("#EXT-X-KEY:METHOD=AES-128,URI=\"key.bin\",IV=0x0123456789abcdef0123456789ABCDEF\n#EXTINF:2,\nseg1.ts",
        "\"key\":{\"method\":\"AES-128\",\"uri\":\"https://cdn.example.com/live/720p/key.bin\",\"iv\":\"0x0123456789abcdef0123456789ABCDEF\"}")]
    [InlineData("#EXT-X-KEY:METHOD=SAMPLE-AES,URI=\"skd://key-42\",KEYFORMAT=\"com.apple.streamingkeydelivery\",KEYFORMATVERSIONS=\"1\"\n#EXTINF:2,\nseg1.ts",
        "\"key\":{\"method\":\"SAMPLE-AES\",\"uri\":\"skd://key-42/\",\"keyFormat\":\"com.apple.streamingkeydelivery\",\"keyFormatVersions\":\"1\"}")]
    [InlineData("#EXT-X-KEY:METHOD=AES-128,URI=\"key.bin\"\n#EXT-X-KEY:METHOD=NONE\n#EXTINF:2,\nseg1.ts", "!\"key\"")]
    [InlineData("#EXT-X-MAP:URI=\"init.mp4\"\n#EXTINF:2,\nseg1.m4s", "\"map\":{\"uri\":\"https://cdn.example.com/live/720p/init.mp4\"}")]
    [InlineData("#EXT-X-MAP:URI=\"init.mp4\",BYTERANGE=\"720@16\"\n#EXTINF:2,\nseg1.m4s", "\"map\":{\"uri\":\"https://cdn.example.com/live/720p/init.mp4\",\"byteRange\":{\"length\":720,\"offset\":16}}")]
    [InlineData("#EXT-X-GAP\n#EXTINF:2,\nseg1.ts", "\"gap\":true")]
    [InlineData("#EXT-X-BITRATE:1500\n#EXTINF:2,\nseg1.ts", "\"duration\":2,")]
    [InlineData("#EXT-X-CUE-OUT:30\n#EXTINF:2,\nseg1.ts", "\"cues\":[{\"kind\":\"out\",\"tag\":\"EXT-X-CUE-OUT\",\"duration\":30}]")]
    [InlineData("#EXT-X-CUE-OUT:DURATION=15.5\n#EXTINF:2,\nseg1.ts", "\"cues\":[{\"kind\":\"out\",\"tag\":\"EXT-X-CUE-OUT\",\"duration\":15.5}]")]
    [InlineData("#EXT-X-CUE-OUT\n#EXTINF:2,\nseg1.ts", "\"cues\":[{\"kind\":\"out\",\"tag\":\"EXT-X-CUE-OUT\"}]")]
    [InlineData("#EXT-X-CUE-OUT-CONT:ElapsedTime=5.5,Duration=30,SCTE35=" + Payload + "\n#EXTINF:2,\nseg1.ts",
        "\"cues\":[{\"kind\":\"continue\",\"tag\":\"EXT-X-CUE-OUT-CONT\",\"duration\":30,\"elapsed\":5.5,\"scte35\":\"" + Payload + "\"}]")]
    [InlineData("#EXT-X-CUE-OUT-CONT:10/30\n#EXTINF:2,\nseg1.ts", "\"cues\":[{\"kind\":\"continue\",\"tag\":\"EXT-X-CUE-OUT-CONT\",\"duration\":30,\"elapsed\":10}]")]
    [InlineData("#EXT-X-CUE-IN\n#EXTINF:2,\nseg1.ts", "\"cues\":[{\"kind\":\"in\",\"tag\":\"EXT-X-CUE-IN\"}]")]
    [InlineData("#EXT-OATCLS-SCTE35:" + Payload + "\n#EXT-X-CUE-OUT:60\n#EXTINF:2,\nseg1.ts",
        "\"cues\":[{\"kind\":\"command\",\"tag\":\"EXT-OATCLS-SCTE35\",\"scte35\":\"" + Payload + "\"},{\"kind\":\"out\",\"tag\":\"EXT-X-CUE-OUT\",\"duration\":60}]")]
    [InlineData("#EXT-X-SCTE35:CUE=\"" + Payload + "\",ID=\"break-7\",CUE-OUT=YES,DURATION=30\n#EXTINF:2,\nseg1.ts",
        "\"cues\":[{\"kind\":\"out\",\"tag\":\"EXT-X-SCTE35\",\"duration\":30,\"id\":\"break-7\",\"scte35\":\"" + Payload + "\"}]")]
    [InlineData("#EXT-X-SCTE35:CUE=\"" + Payload + "\",CUE-OUT=CONT,ELAPSED=4,DURATION=30\n#EXTINF:2,\nseg1.ts", "{\"kind\":\"continue\",\"tag\":\"EXT-X-SCTE35\",\"duration\":30,\"elapsed\":4,")]
    [InlineData("#EXT-X-SCTE35:CUE=\"" + Payload + "\",CUE-IN=YES\n#EXTINF:2,\nseg1.ts", "{\"kind\":\"in\",\"tag\":\"EXT-X-SCTE35\",")]
    [InlineData("#EXT-X-DATERANGE:ID=\"splice-1\",START-DATE=\"2024-05-01T10:00:00Z\",PLANNED-DURATION=30,SCTE35-OUT=0xFC302000\n#EXTINF:2,\nseg1.ts",
        "\"cues\":[{\"kind\":\"out\",\"tag\":\"EXT-X-DATERANGE\",\"duration\":30,\"id\":\"splice-1\",\"scte35\":\"/DAgAA==\"}]")]
    [InlineData("#EXT-X-DATERANGE:ID=\"splice-1\",START-DATE=\"2024-05-01T10:00:00Z\",SCTE35-CMD=0xFC30\n#EXTINF:2,\nseg1.ts", "{\"kind\":\"command\",\"tag\":\"EXT-X-DATERANGE\",\"id\":\"splice-1\",\"scte35\":\"/DA=\"}")]
    [InlineData("#EXT-X-FUTURE-TAG:WHATEVER=1\n# a comment\n#EXTINF:2,\nseg1.ts", "\"uri\":\"https://cdn.example.com/live/720p/seg1.ts\"")]
    [InlineData("#EXT-X-PART:DURATION=0.5,URI=\"part1.mp4\"\n#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"part2.mp4\"\n#EXTINF:2,\nseg1.ts", "\"uri\":\"https://cdn.example.com/live/720p/seg1.ts\"")]
    public void Segment_tag_is_read(string segmentBlock, params string[] expected)
    {
        var playlist = MediaOf("#EXTM3U\n#EXT-X-TARGETDURATION:6\n" + segmentBlock + "\n");

        playlist.Segments.Should().ContainSingle();
        ShouldMatchFragments(CompactJson(playlist), expected);
    }

    [Theory]
    [InlineData("#EXT-X-VERSION:7", "\"version\":7")]
    [InlineData("#EXT-X-TARGETDURATION:6", "\"targetDuration\":6")]
    [InlineData("#EXT-X-MEDIA-SEQUENCE:4711", "\"mediaSequence\":4711,\"discontinuitySequence\":0")]
    [InlineData("#EXT-X-DISCONTINUITY-SEQUENCE:12", "\"discontinuitySequence\":12,\"endList\"")]
    [InlineData("#EXT-X-ENDLIST", "\"endList\":true")]
    [InlineData("#EXT-X-PLAYLIST-TYPE:EVENT", "\"playlistType\":\"EVENT\"")]
    [InlineData("#EXT-X-PLAYLIST-TYPE:VOD", "\"playlistType\":\"VOD\"")]
    [InlineData("#EXT-X-INDEPENDENT-SEGMENTS", "\"independentSegments\":true")]
    [InlineData("#EXT-X-START:TIME-OFFSET=-12.5,PRECISE=YES", "\"start\":{\"timeOffset\":-12.5,\"precise\":true}")]
    [InlineData("#EXT-X-I-FRAMES-ONLY", "\"iFramesOnly\":true")]
    [InlineData("#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=1.0,CAN-SKIP-UNTIL=12.0,HOLD-BACK=9",
        "\"serverControl\":{\"canSkipUntil\":12,\"canSkipDateRanges\":false,\"holdBack\":9,\"partHoldBack\":1,\"canBlockReload\":true}")]
    [InlineData("#EXT-X-PART-INF:PART-TARGET=0.33334", "\"partTargetDuration\":0.33334")]
    [InlineData("#EXT-X-DEFINE:NAME=\"x\",VALUE=\"y\"", "\"kind\":\"media\"")]
    [InlineData("", "\"kind\":\"media\"", "!\"version\"", "!\"playlistType\"", "!\"start\"", "\"endList\":false", "\"independentSegments\":false", "\"dateRanges\":[]")]
    public void Playlist_tag_is_read(string headerTag, params string[] expected)
    {
        var text = "#EXTM3U\n" + headerTag + "\n#EXT-X-TARGETDURATION:6\n#EXTINF:6,\nseg1.ts\n";

        var json = CompactJson(PlaylistParser.Parse(text, Base));

        ShouldMatchFragments(json, expected);
    }

    [Fact]
    public void Daterange_is_listed_with_all_its_attributes()
    {
        var playlist = MediaOf("""
            #EXTM3U
            #EXT-X-TARGETDURATION:6
            #EXT-X-DATERANGE:ID="ad-1",CLASS="com.example.ad",START-DATE="2024-05-01T10:00:00.000Z",END-DATE="2024-05-01T10:00:30.000Z",DURATION=30,PLANNED-DURATION=30.5,X-COM-EXAMPLE-AD-ID="XYZ123",X-NUM=0x1F,END-ON-NEXT=YES,SCTE35-IN=0xFC31
            #EXTINF:6,
            seg1.ts
            """);

        var range = playlist.DateRanges.Should().ContainSingle().Subject;
        range.Id.Should().Be("ad-1");
        range.Class.Should().Be("com.example.ad");
        range.StartDate.Should().Be(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero));
        range.EndDate.Should().Be(new DateTimeOffset(2024, 5, 1, 10, 0, 30, TimeSpan.Zero));
        range.Duration.Should().Be(30);
        range.PlannedDuration.Should().Be(30.5);
        range.EndOnNext.Should().BeTrue();
        range.Scte35In!.Value.ToArray().Should().Equal(0xFC, 0x31);
        range.ClientAttributes.Should().BeEquivalentTo(new Dictionary<string, string> { ["X-COM-EXAMPLE-AD-ID"] = "XYZ123", ["X-NUM"] = "0x1F" });
        CompactJson(playlist).Should().Contain(
            "\"dateRanges\":[{\"id\":\"ad-1\",\"class\":\"com.example.ad\",\"startDate\":\"2024-05-01T10:00:00+00:00\",\"endDate\":\"2024-05-01T10:00:30+00:00\",\"duration\":30,\"plannedDuration\":30.5,\"endOnNext\":true,\"scte35In\":\"/DE=\",\"clientAttributes\":{\"X-COM-EXAMPLE-AD-ID\":\"XYZ123\",\"X-NUM\":\"0x1F\"}}]");
    }
}
