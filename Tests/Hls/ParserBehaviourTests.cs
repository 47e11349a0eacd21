using System.Text;
using Glance.Media.Hls;
using static Glance.Tests.Hls.HlsTestPlaylists;

namespace Glance.Tests.Hls;

public sealed class ParserBehaviourTests
{
    private const string Sample = """
        #EXTM3U
        #EXT-X-VERSION:3
        #EXT-X-TARGETDURATION:4
        #EXT-X-MEDIA-SEQUENCE:100
        #EXT-X-PROGRAM-DATE-TIME:2024-05-01T10:00:00.000Z
        #EXTINF:4.0,
        a.ts
        #EXTINF:4.0,
        b.ts
        """;

    [Fact]
    public void Crlf_bom_blank_lines_white_space_and_comments_are_tolerated_and_the_violations_reported()
    {
        var messy = "\uFEFF\r\n  \r\n" + Sample.Replace("\n", "\r\n\r\n  ").Replace("#EXT-X-VERSION:3", "# just a comment\r\n#EXT-X-VERSION:3  ") + "\r\n";
        var oldMac = Sample.Replace('\n', '\r');

        var fromMessy = PlaylistParser.Parse(messy, Base);
        var fromOldMac = PlaylistParser.Parse(oldMac, Base);

        CompactJson(WithoutWarnings(fromMessy)).Should().Be(CompactJson(PlaylistParser.Parse(Sample, Base)));
        CompactJson(WithoutWarnings(fromOldMac)).Should().Be(CompactJson(PlaylistParser.Parse(Sample, Base)));
        fromMessy.Warnings.Select(w => w.Code).Distinct().Should().Equal(
            PlaylistWarningCodes.ByteOrderMark, PlaylistWarningCodes.LineWhitespace, PlaylistWarningCodes.HeaderNotFirstLine);
        fromOldMac.Warnings.Select(w => $"{w.Code}@{w.Line}").Should().Equal("line-ending-cr@1");
        PlaylistParser.Parse(Sample, Base).Warnings.Should().BeEmpty();
    }

    [Fact]
    public void Utf8_bytes_with_a_bom_parse_like_the_text()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Sample.Replace("a.ts", "ä.ts"))).ToArray();

        var fromBytes = (MediaPlaylist)PlaylistParser.Parse(bytes, Base);

        CompactJson(WithoutWarnings(fromBytes)).Should().Be(CompactJson(PlaylistParser.Parse(Sample.Replace("a.ts", "ä.ts"), Base)));
        fromBytes.Warnings.Should().ContainSingle().Which.Code.Should().Be(PlaylistWarningCodes.ByteOrderMark);
        fromBytes.Segments[0].Uri.AbsoluteUri.Should().Be("https://cdn.example.com/live/720p/%C3%A4.ts");
    }

    private static Playlist WithoutWarnings(Playlist playlist) => playlist with { Warnings = [], OmittedWarnings = 0 };

    [Fact]
    public void Sequence_numbers_count_from_media_sequence_and_discontinuities()
    {
        var playlist = MediaOf("""
            #EXTM3U
            #EXT-X-TARGETDURATION:2
            #EXT-X-MEDIA-SEQUENCE:7
            #EXT-X-DISCONTINUITY-SEQUENCE:3
            #EXTINF:2,
            a.ts
            #EXT-X-DISCONTINUITY
            #EXTINF:2,
            b.ts
            #EXTINF:2,
            c.ts
            #EXT-X-DISCONTINUITY
            #EXTINF:2,
            d.ts
            """);

        playlist.Segments.Select(s => s.MediaSequence).Should().Equal(7, 8, 9, 10);
        playlist.Segments.Select(s => s.DiscontinuitySequence).Should().Equal(3, 4, 4, 5);
        playlist.Segments.Select(s => s.Discontinuity).Should().Equal(false, true, false, true);
        playlist.TotalDuration.Should().Be(8);
    }

    [Fact]
    public void Byte_ranges_without_offset_continue_the_previous_sub_range_of_the_same_resource()
    {
        var playlist = MediaOf("""
            #EXTM3U
            #EXT-X-TARGETDURATION:2
            #EXT-X-BYTERANGE:100@0
            #EXTINF:2,
            all.ts
            #EXT-X-BYTERANGE:200
            #EXTINF:2,
            all.ts
            #EXTINF:2,
            #EXT-X-BYTERANGE:50
            all.ts
            #EXT-X-BYTERANGE:10@5
            #EXTINF:2,
            other.ts
            #EXT-X-BYTERANGE:20
            #EXTINF:2,
            other.ts
            """);

        playlist.Segments.Select(s => s.ByteRange).Should().Equal(
            new ByteRange(100, 0), new ByteRange(200, 100), new ByteRange(50, 300), new ByteRange(10, 5), new ByteRange(20, 15));
    }

    [Fact]
    public void Program_date_time_is_carried_forward_by_durations_and_stops_at_a_discontinuity()
    {
        var playlist = MediaOf("""
            #EXTM3U
            #EXT-X-TARGETDURATION:3
            #EXTINF:2.002,
            before-any-tag.ts
            #EXT-X-PROGRAM-DATE-TIME:2024-05-01T12:00:00.000+02:00
            #EXTINF:2.002,
            a.ts
            #EXTINF:2.002,
            b.ts
            #EXT-X-GAP
            #EXTINF:1.5,
            c.ts
            #EXTINF:2,
            d.ts
            #EXT-X-DISCONTINUITY
            #EXTINF:2,
            e.ts
            #EXTINF:2,
            f.ts
            #EXT-X-PROGRAM-DATE-TIME:2024-05-01T13:00:00Z
            #EXTINF:2,
            g.ts
            #EXTINF:2,
            h.ts
            """);

        var start = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.FromHours(2));
        playlist.Segments.Select(s => s.ProgramDateTime).Should().Equal(
            null,
            start,
            start.AddTicks(20_020_000),
            start.AddTicks(40_040_000),
            start.AddTicks(55_040_000),
            null,
            null,
            new DateTimeOffset(2024, 5, 1, 13, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2024, 5, 1, 13, 0, 2, TimeSpan.Zero));
        playlist.Segments.Select(s => s.ProgramDateTimeTagged).Should().Equal(false, true, false, false, false, false, false, true, false);
        playlist.Segments[2].ProgramDateTime!.Value.Offset.Should().Be(TimeSpan.FromHours(2), "the carried time keeps the tag's offset");
        playlist.Segments[3].Gap.Should().BeTrue();
    }

    [Fact]
    public void Keys_and_maps_apply_until_changed()
    {
        var playlist = MediaOf("""
            #EXTM3U
            #EXT-X-TARGETDURATION:2
            #EXTINF:2,
            clear.m4s
            #EXT-X-MAP:URI="init-1.mp4"
            #EXT-X-KEY:METHOD=AES-128,URI="https://keys.example.com/k1"
            #EXTINF:2,
            a.m4s
            #EXTINF:2,
            b.m4s
            #EXT-X-MAP:URI="init-2.mp4"
            #EXT-X-KEY:METHOD=NONE
            #EXTINF:2,
            c.m4s
            """);

        playlist.Segments.Select(s => s.Key?.Uri?.AbsoluteUri).Should().Equal(null, "https://keys.example.com/k1", "https://keys.example.com/k1", null);
        playlist.Segments.Select(s => s.Map?.Uri.AbsoluteUri).Should().Equal(
            null,
            "https://cdn.example.com/live/720p/init-1.mp4",
            "https://cdn.example.com/live/720p/init-1.mp4",
            "https://cdn.example.com/live/720p/init-2.mp4");
        playlist.Segments[1].Key.Should().BeSameAs(playlist.Segments[2].Key, "one tag, one key object");
    }

    [Fact]
    public void Daterange_cues_land_on_the_segment_whose_time_holds_them()
    {
        var playlist = MediaOf("""
            #EXTM3U
            #EXT-X-TARGETDURATION:4
            #EXT-X-DATERANGE:ID="break",START-DATE="2024-05-01T10:00:09.000Z",DURATION=8,SCTE35-OUT=0xFC01,SCTE35-IN=0xFC02
            #EXT-X-DATERANGE:ID="later",START-DATE="2024-05-01T11:00:00Z",SCTE35-OUT=0xFC03
            #EXT-X-DATERANGE:ID="info",START-DATE="2024-05-01T10:00:00Z"
            #EXT-X-PROGRAM-DATE-TIME:2024-05-01T10:00:00Z
            #EXTINF:4,
            s0.ts
            #EXTINF:4,
            s1.ts
            #EXTINF:4,
            s2.ts
            #EXTINF:4,
            s3.ts
            #EXTINF:4,
            s4.ts
            #EXT-X-CUE-IN
            #EXTINF:4,
            s5.ts
            """);

        playlist.Segments.Select(s => s.Cues.Count).Should().Equal(0, 0, 1, 0, 1, 1);
        playlist.Segments[2].Cues[0].Should().BeEquivalentTo(new { Kind = CueKind.Out, Source = CueSource.DateRange, Id = "break", Duration = 8.0 });
        playlist.Segments[4].Cues[0].Should().BeEquivalentTo(new { Kind = CueKind.In, Source = CueSource.DateRange, Id = "break" });
        playlist.Segments[4].Cues[0].Scte35!.Value.ToArray().Should().Equal(0xFC, 0x02);
        playlist.Segments[5].Cues[0].Source.Should().Be(CueSource.CueIn);
        playlist.DateRanges.Select(d => d.Id).Should().Equal("break", "later", "info");
    }

    [Fact]
    public void Daterange_cues_without_program_date_times_go_to_the_next_segment()
    {
        var playlist = MediaOf("""
            #EXTM3U
            #EXT-X-TARGETDURATION:4
            #EXTINF:4,
            s0.ts
            #EXT-X-DATERANGE:ID="b",START-DATE="2024-05-01T10:00:09.000Z",SCTE35-OUT=0xFC01
            #EXT-X-CUE-OUT:30
            #EXTINF:4,
            s1.ts
            #EXT-X-DATERANGE:ID="c",START-DATE="2024-05-01T10:00:19.000Z",SCTE35-IN=0xFC02
            """);

        playlist.Segments[1].Cues.Select(c => c.Source).Should().Equal(CueSource.CueOut, CueSource.DateRange);
        playlist.Segments[0].Cues.Should().BeEmpty();
        playlist.DateRanges.Should().HaveCount(2, "a trailing date range is listed even with no segment after it");
    }

    [Fact]
    public void Master_playlist_variants_renditions_and_iframe_streams_are_read()
    {
        var master = MasterOf("""
            #EXTM3U
            #EXT-X-VERSION:6
            #EXT-X-INDEPENDENT-SEGMENTS
            #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aac",NAME="English",LANGUAGE="en",DEFAULT=YES,AUTOSELECT=YES,CHANNELS="2",URI="audio/en.m3u8"
            #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aac",NAME="Deutsch",LANGUAGE="de",ASSOC-LANGUAGE="de-AT",DEFAULT=NO,AUTOSELECT=YES,URI="audio/de.m3u8"
            #EXT-X-MEDIA:TYPE=CLOSED-CAPTIONS,GROUP-ID="cc",NAME="CC1",INSTREAM-ID="CC1",FORCED=NO,CHARACTERISTICS="public.accessibility.describes-spoken-dialog"
            #EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="English",LANGUAGE="en",FORCED=YES,URI="subs/en.m3u8"
            #EXT-X-STREAM-INF:BANDWIDTH=2500000,AVERAGE-BANDWIDTH=2200000,RESOLUTION=1280x720,CODECS="avc1.64001f,mp4a.40.2",FRAME-RATE=29.970,AUDIO="aac",SUBTITLES="subs",CLOSED-CAPTIONS="cc",HDCP-LEVEL=NONE
            720p/index.m3u8
            #EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360,CODECS="avc1.4d401e,mp4a.40.2",AUDIO="aac",CLOSED-CAPTIONS=NONE
            https://other.example.com/360p.m3u8
            #EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=200000,RESOLUTION=1280x720,CODECS="avc1.64001f",URI="720p/iframes.m3u8"
            """);

        master.Version.Should().Be(6);
        master.IndependentSegments.Should().BeTrue();
        master.Variants.Should().HaveCount(2);
        master.Variants[0].Should().BeEquivalentTo(new
        {
            Uri = new Uri("https://cdn.example.com/live/720p/720p/index.m3u8"),
            Bandwidth = 2_500_000L,
            AverageBandwidth = 2_200_000L,
            Resolution = new Resolution(1280, 720),
            Codecs = "avc1.64001f,mp4a.40.2",
            FrameRate = 29.97,
            Audio = "aac",
            Subtitles = "subs",
            ClosedCaptions = "cc",
            HdcpLevel = "NONE",
            IFramesOnly = false,
        });
        master.Variants[1].ClosedCaptions.Should().Be("NONE");
        master.Variants[1].Uri.Should().Be(new Uri("https://other.example.com/360p.m3u8"));
        master.IFrameVariants.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Uri = new Uri("https://cdn.example.com/live/720p/720p/iframes.m3u8"),
            Bandwidth = 200_000L,
            IFramesOnly = true,
        });
        master.Renditions.Select(r => (r.Type, r.GroupId, r.Name, r.Language, r.Default, r.Autoselect, r.Forced)).Should().Equal(
            (RenditionType.Audio, "aac", "English", "en", true, true, false),
            (RenditionType.Audio, "aac", "Deutsch", "de", false, true, false),
            (RenditionType.ClosedCaptions, "cc", "CC1", null, false, false, false),
            (RenditionType.Subtitles, "subs", "English", "en", false, false, true));
        master.Renditions[0].Uri.Should().Be(new Uri("https://cdn.example.com/live/720p/audio/en.m3u8"));
        master.Renditions[1].AssociatedLanguage.Should().Be("de-AT");
        master.Renditions[2].Should().BeEquivalentTo(new { Uri = (Uri?)null, InstreamId = "CC1", Characteristics = "public.accessibility.describes-spoken-dialog" });
        master.Renditions[0].Channels.Should().Be("2");
    }

    [Fact]
    public void Low_latency_playlist_keeps_full_segments_and_ignores_parts()
    {
        var playlist = MediaOf("""
            #EXTM3U
            #EXT-X-TARGETDURATION:4
            #EXT-X-VERSION:9
            #EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=1.0,CAN-SKIP-UNTIL=24.0
            #EXT-X-PART-INF:PART-TARGET=0.33334
            #EXT-X-MEDIA-SEQUENCE:266
            #EXT-X-PROGRAM-DATE-TIME:2019-02-14T02:13:36.106Z
            #EXT-X-MAP:URI="init.mp4"
            #EXTINF:4.00008,
            fileSequence266.mp4
            #EXT-X-PART:DURATION=0.33334,URI="filePart267.0.mp4",INDEPENDENT=YES
            #EXT-X-PART:DURATION=0.33334,URI="filePart267.1.mp4"
            #EXTINF:4.00008,
            fileSequence267.mp4
            #EXT-X-PROGRAM-DATE-TIME:2019-02-14T02:13:44.106Z
            #EXT-X-PART:DURATION=0.33334,URI="filePart268.0.mp4",INDEPENDENT=YES
            #EXT-X-PRELOAD-HINT:TYPE=PART,URI="filePart268.1.mp4"
            #EXT-X-RENDITION-REPORT:URI="../1M/waitForMSN.php",LAST-MSN=273,LAST-PART=2
            """);

        playlist.Segments.Select(s => s.MediaSequence).Should().Equal(266, 267);
        playlist.ServerControl.Should().Be(new ServerControl { CanBlockReload = true, PartHoldBack = 1.0, CanSkipUntil = 24.0 });
        playlist.PartTargetDuration.Should().Be(0.33334);
    }

    [Fact]
    public void Skipped_segments_of_a_delta_update_keep_their_sequence_numbers()
    {
        var playlist = MediaOf("""
            #EXTM3U
            #EXT-X-TARGETDURATION:4
            #EXT-X-MEDIA-SEQUENCE:10
            #EXT-X-SKIP:SKIPPED-SEGMENTS=5
            #EXTINF:4,
            s15.ts
            """);

        playlist.SkippedSegments.Should().Be(5);
        playlist.Segments.Single().MediaSequence.Should().Be(15);
    }

    [Theory]
    [InlineData("https://cdn.example.com/live/720p/index.m3u8", "seg-1.ts")]
    [InlineData("https://cdn.example.com/live/720p/index.m3u8?token=abc", "seg-1.ts?x=1")]
    [InlineData("https://cdn.example.com/live/720p/", "a/b/seg 1.ts")]
    [InlineData("https://cdn.example.com", "seg.ts")]
    [InlineData("https://cdn.example.com:8443/a/b.m3u8", "c/./d/../e.ts")]
    [InlineData("https://cdn.example.com/a/b.m3u8", "../../../../x.ts")]
    [InlineData("https://cdn.example.com/a/b.m3u8", "//other.example.com/x.ts")]
    [InlineData("https://cdn.example.com/a/b.m3u8", "?only=query")]
    [InlineData("https://cdn.example.com/a/b.m3u8", "x.ts#frag")]
    [InlineData("https://cdn.example.com/a/b.m3u8", "%7Ex.ts")]
    [InlineData("https://cdn.example.com/a/b.m3u8", "ümlaut.ts")]
    [InlineData("file:///tmp/hls/index.m3u8", "seg0.ts")]
    [InlineData("file:///tmp/hls/index.m3u8", "../seg0.ts")]
    [InlineData("http://127.0.0.1:8080/live/index.m3u8", "HTTPS://Upper.Example.com/A.ts")]
    public void Relative_uris_resolve_as_rfc3986_says(string baseUri, string reference)
    {
        var playlist = (MediaPlaylist)PlaylistParser.Parse($"#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\n{reference}\n", new Uri(baseUri));

        playlist.Segments[0].Uri.AbsoluteUri.Should().Be(new Uri(new Uri(baseUri), reference).AbsoluteUri);
    }
}
