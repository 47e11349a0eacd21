using System.Text.Json;
using Glance.Media.Hls;
using static Glance.Tests.Hls.HlsTestPlaylists;

namespace Glance.Tests.Hls;

/// <summary>
/// Playlists that break RFC 8216 in a way players read past (hls.js among them): each parses, to the result a player
/// plays, and reports every violation with its code and line. Written here from the RFC and hls.js's parsing rules,
/// one per rule; the refusals that remain are in <see cref="ParseErrorTableTests"/>.
/// </summary>
public sealed class LenientPlaylistTableTests
{
    private const string Media = "#EXTM3U\n#EXT-X-TARGETDURATION:6\n";
    private const string SegmentA = "\"uri\":\"https://cdn.example.com/live/720p/a.ts\"";
    private const string SegmentB = "\"uri\":\"https://cdn.example.com/live/720p/b.ts\"";

    /// <param name="warnings">Every warning expected, as "code@line" separated by spaces, in line order; empty for none.</param>
    /// <param name="expected">Fragments of the inspect JSON; a leading '!' means "not in it".</param>
    [Theory]
    // Section 4.1: no byte order mark, no white space, lines end with LF or CRLF.
    [InlineData("\uFEFF" + Media + "#EXTINF:4,\na.ts", "byte-order-mark@1", SegmentA + ",\"duration\":4")]
    [InlineData("#EXTM3U \n#EXT-X-TARGETDURATION:6\n#EXTINF:4,\na.ts", "line-whitespace@1", SegmentA)]
    [InlineData(Media + "#EXTINF:4,\n  a.ts\t", "line-whitespace@4", SegmentA)]
    [InlineData("#EXTM3U\r#EXT-X-TARGETDURATION:6\r#EXTINF:4,\ra.ts\r#EXTINF:4,\rb.ts", "line-ending-cr@1", SegmentA, SegmentB, "\"totalDuration\":8")]
    // Section 4.3.1.1: #EXTM3U is the first line; blank lines before it are skipped.
    [InlineData("\n\n#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXTINF:4,\na.ts", "header-not-first-line@3", SegmentA)]
    [InlineData(" \n\t\n#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXTINF:4,\na.ts", "line-whitespace@1 line-whitespace@2 header-not-first-line@3", SegmentA)]
    // Section 4.3.1.2: a version that is no integer is read as absent.
    [InlineData("#EXTM3U\n#EXT-X-VERSION:x\n#EXT-X-TARGETDURATION:6\n#EXTINF:4,\na.ts", "version-invalid@2", "!\"version\"", SegmentA)]
    // Section 4.3.2.1: "#EXTINF:<duration>,[<title>]", one per segment; hls.js reads the leading decimal number.
    [InlineData(Media + "#EXTINF:4.5 sec,Kick-off\na.ts", "extinf-trailing-text@3", SegmentA + ",\"duration\":4.5,\"title\":\"Kick-off\"")]
    [InlineData(Media + "#EXTINF:4.5s,\na.ts", "extinf-trailing-text@3", SegmentA + ",\"duration\":4.5,")]
    [InlineData(Media + "#EXTINF:4\na.ts", "extinf-missing-comma@3", SegmentA + ",\"duration\":4,")]
    [InlineData(Media + "#EXTINF:4 tvg-id=x\na.ts", "extinf-trailing-text@3 extinf-missing-comma@3", SegmentA + ",\"duration\":4,", "!\"title\"")]
    [InlineData(Media + "#EXTINF:2,\n#EXTINF:4,Later\na.ts", "extinf-repeated@4", SegmentA + ",\"duration\":4,\"title\":\"Later\"")]
    [InlineData(Media + "a.ts", "extinf-missing@3", "\"mediaSequence\":0,\"discontinuitySequence\":0," + SegmentA + ",\"duration\":6,")]
    [InlineData(Media + "#EXTINF:4,\na.ts\nb.ts", "extinf-missing@5", "\"mediaSequence\":1,\"discontinuitySequence\":0," + SegmentB + ",\"duration\":6,", "\"totalDuration\":10")]
    // Section 4.3.2: segment tags apply to the next URI; a live server may publish them before the URI.
    [InlineData(Media + "#EXTINF:4,\na.ts\n#EXTINF:4,", "extinf-without-uri@5", SegmentA, "\"totalDuration\":4", "!b.ts")]
    // Section 4.3.2.2: without an offset a sub-range continues the last one of its own resource.
    [InlineData(Media + "#EXT-X-BYTERANGE:100@0\n#EXTINF:2,\na.ts\n#EXT-X-BYTERANGE:50@0\n#EXTINF:2,\nb.ts\n#EXT-X-BYTERANGE:200\n#EXTINF:2,\na.ts",
        "byterange-offset-not-contiguous@9", SegmentA + ",\"duration\":2,\"discontinuity\":false,\"byteRange\":{\"length\":200,\"offset\":100}")]
    [InlineData(Media + "#EXT-X-BYTERANGE:100@0\n#EXTINF:2,\na.ts\n#EXT-X-BYTERANGE:200\n#EXTINF:2,\na.ts", "", "\"byteRange\":{\"length\":200,\"offset\":100}")]
    // Section 4.3.3.1: an integer target duration no segment exceeds (rounded to the nearest integer).
    [InlineData("#EXTM3U\n#EXT-X-TARGETDURATION:5.5\n#EXTINF:5.5,\na.ts", "target-duration-not-integer@2", "\"targetDuration\":6,")]
    [InlineData("#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:6.2,\na.ts\n#EXTINF:4.4,\nb.ts", "extinf-exceeds-target-duration@3", "\"targetDuration\":4,", SegmentA + ",\"duration\":6.2,")]
    [InlineData("#EXTM3U\n#EXTINF:4,\na.ts\n#EXT-X-TARGETDURATION:4\n#EXTINF:4.5,\nb.ts", "extinf-exceeds-target-duration@5", "\"targetDuration\":4,")]
    // A header-only playlist: nothing to play yet, which a live source may publish before its first segment.
    [InlineData("#EXTM3U\n#EXT-X-TARGETDURATION:6\n", "", "\"kind\":\"media\"", "\"segments\":[]", "\"targetDuration\":6,")]
    [InlineData("#EXTM3U", "target-duration-missing@1", "\"kind\":\"media\"", "\"segments\":[]", "\"targetDuration\":6,", "\"endList\":false")]
    [InlineData("#EXTM3U\n#EXT-X-VERSION:3\n", "target-duration-missing@2", "\"kind\":\"media\"", "\"version\":3", "\"segments\":[]")]
    // Sections 4.3.1.2 and 4.3.3: each of these tags at most once; the later one applies.
    [InlineData("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-VERSION:4\n#EXT-X-TARGETDURATION:6\n#EXTINF:4,\na.ts", "tag-repeated@3", "\"version\":4")]
    [InlineData(Media + "#EXT-X-TARGETDURATION:8\n#EXT-X-MEDIA-SEQUENCE:3\n#EXT-X-MEDIA-SEQUENCE:5\n#EXTINF:4,\na.ts", "tag-repeated@3 tag-repeated@5",
        "\"targetDuration\":8,\"mediaSequence\":5,")]
    [InlineData(Media + "#EXT-X-PLAYLIST-TYPE:EVENT\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-DISCONTINUITY-SEQUENCE:1\n#EXT-X-DISCONTINUITY-SEQUENCE:1\n#EXTINF:4,\na.ts",
        "tag-repeated@4 tag-repeated@6", "\"playlistType\":\"VOD\"", "\"discontinuitySequence\":1,")]
    // Section 4.3.3.5: a playlist type other than EVENT or VOD is read as absent: a live playlist, reloaded.
    [InlineData(Media + "#EXT-X-PLAYLIST-TYPE:LIVE\n#EXTINF:4,\na.ts", "playlist-type-unknown@3", "!\"playlistType\"", SegmentA)]
    public void Violation_players_read_past_parses_and_is_reported(string text, string warnings, params string[] expected)
    {
        var playlist = PlaylistParser.Parse(text, Base);

        playlist.Warnings.Select(w => $"{w.Code}@{w.Line}").Should().Equal(warnings.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        playlist.Warnings.Where(w => !w.Message.Contains("RFC 8216 section ")).Should().BeEmpty("each warning cites the rule it breaks");
        playlist.OmittedWarnings.Should().Be(0);
        ShouldMatchFragments(CompactJson(playlist), expected);
    }

    /// <param name="warnings">As above.</param>
    /// <param name="variants">The variants' URIs and bandwidths, "uri=bandwidth" separated by spaces, in playlist order.</param>
    [Theory]
    // Section 4.3.4.2: BANDWIDTH is required; hls.js keeps a variant without it.
    [InlineData("#EXTM3U\n#EXT-X-STREAM-INF:RESOLUTION=640x360\nv.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=5\nw.m3u8", "stream-inf-missing-bandwidth@2", "v.m3u8=0 w.m3u8=5")]
    // Section 4.3.4.2: a variant's URI follows its EXT-X-STREAM-INF; hls.js pairs them and ignores the rest.
    [InlineData("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=5\nv.m3u8\nstray.m3u8", "uri-without-stream-inf@4", "v.m3u8=5")]
    [InlineData("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=5\nv.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=9", "stream-inf-without-uri@4", "v.m3u8=5")]
    public void Master_playlist_violation_players_read_past_parses_and_is_reported(string text, string warnings, string variants)
    {
        var master = MasterOf(text);

        master.Warnings.Select(w => $"{w.Code}@{w.Line}").Should().Equal(warnings.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        master.Warnings.Where(w => !w.Message.Contains("RFC 8216 section ")).Should().BeEmpty("each warning cites the rule it breaks");
        master.Variants.Select(v => $"{v.Uri.Segments[^1]}={v.Bandwidth}").Should().Equal(variants.Split(' '));
    }

    [Fact]
    public void Warnings_are_the_same_from_bytes_and_from_text()
    {
        var text = "\uFEFF" + Media + "#EXTINF:4.5 sec\na.ts\n";

        var fromBytes = PlaylistParser.Parse(System.Text.Encoding.UTF8.GetBytes(text), Base);

        fromBytes.Warnings.Should().Equal(PlaylistParser.Parse(text, Base).Warnings);
        fromBytes.Warnings.Select(w => w.Code).Should().Equal("byte-order-mark", "extinf-trailing-text", "extinf-missing-comma");
    }

    [Fact]
    public void Warnings_are_capped_per_code_and_in_all_and_the_rest_are_counted()
    {
        // 30 segments, each with text after its duration and no comma: 60 warnings of two codes, in line order.
        var text = Media + string.Concat(Enumerable.Range(0, 30).Select(i => $"#EXTINF:2 s\ns{i}.ts\n"));

        var perCode = PlaylistParser.Parse(text, Base, new PlaylistParserLimits { MaxWarningsPerCode = 4 });
        var inAll = PlaylistParser.Parse(text, Base, new PlaylistParserLimits { MaxWarnings = 5 });

        ((MediaPlaylist)perCode).Segments.Should().HaveCount(30);
        perCode.Warnings.Count(w => w.Code == PlaylistWarningCodes.ExtinfTrailingText).Should().Be(4);
        perCode.Warnings.Count(w => w.Code == PlaylistWarningCodes.ExtinfMissingComma).Should().Be(4);
        perCode.OmittedWarnings.Should().Be(52);
        inAll.Warnings.Should().HaveCount(5);
        inAll.OmittedWarnings.Should().Be(55);
        inAll.Warnings.Select(w => w.Line).Should().Equal(3, 3, 5, 5, 7);

        using var json = JsonDocument.Parse(PlaylistJson.Serialize(perCode));
        json.RootElement.GetProperty("warnings").GetArrayLength().Should().Be(8);
        json.RootElement.GetProperty("omittedWarnings").GetInt32().Should().Be(52);
        var first = json.RootElement.GetProperty("warnings")[0];
        first.GetProperty("code").GetString().Should().Be("extinf-trailing-text");
        first.GetProperty("line").GetInt32().Should().Be(3);
        first.GetProperty("message").GetString().Should().Contain("RFC 8216 section 4.3.2.1");
    }

    [Fact]
    public void A_conforming_playlist_has_no_warnings_in_its_json()
    {
        var playlist = PlaylistParser.Parse(Media + "#EXTINF:4,\na.ts\n", Base);

        playlist.Warnings.Should().BeEmpty();
        CompactJson(playlist).Should().NotContain("warnings");
    }

    [Fact]
    public void A_master_playlist_reports_its_warnings_too()
    {
        var master = PlaylistParser.Parse("\n#EXTM3U\n#EXT-X-VERSION:three\n#EXT-X-STREAM-INF:BANDWIDTH=1\nv.m3u8\n", Base);

        master.Should().BeOfType<MasterPlaylist>().Which.Variants.Should().ContainSingle();
        master.Warnings.Select(w => $"{w.Code}@{w.Line}").Should().Equal("header-not-first-line@2", "version-invalid@3");
    }
}
