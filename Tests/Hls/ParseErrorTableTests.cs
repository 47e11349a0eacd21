using System.Text;
using Glance.Media.Hls;
using static Glance.Tests.Hls.HlsTestPlaylists;

namespace Glance.Tests.Hls;

/// <summary>
/// One broken playlist per rule that still refuses: each must fail with a PlaylistParseException naming the right line.
/// What players read past is in <see cref="LenientPlaylistTableTests"/> instead.
/// </summary>
public sealed class ParseErrorTableTests
{
    private const string Media = "#EXTM3U\n#EXT-X-TARGETDURATION:6\n";

    [Theory]
    [InlineData("", 1, "no #EXTM3U")]
    [InlineData("\n\n", 2, "no #EXTM3U")]
    [InlineData("#EXTINF:2,\nseg.ts", 1, "does not start with #EXTM3U")]
    [InlineData("\uFEFFhello", 1, "does not start with #EXTM3U")]
    [InlineData("hello\n#EXTM3U\n", 1, "does not start with #EXTM3U")]
    [InlineData("#EXTM3U\nseg.ts", 2, "segment URI without a preceding EXTINF, and no EXT-X-TARGETDURATION before it")]
    [InlineData(Media + "#EXTINF:abc,\nseg.ts", 3, "EXTINF duration 'abc' is not a decimal number")]
    [InlineData(Media + "#EXTINF:-2,\nseg.ts", 3, "EXTINF duration '-2' is not a decimal number")]
    [InlineData(Media + "#EXTINF:NaN,\nseg.ts", 3, "is not a decimal number")]
    [InlineData(Media + "#EXTINF:,\nseg.ts", 3, "EXTINF duration '' is not a decimal number")]
    [InlineData(Media + "#EXTINF:.,\nseg.ts", 3, "EXTINF duration '.' is not a decimal number")]
    [InlineData("#EXTM3U\n#EXT-X-TARGETDURATION:six\n", 2, "EXT-X-TARGETDURATION 'six' is not a decimal number")]
    [InlineData("#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:-1\n#EXT-X-TARGETDURATION:6", 2, "EXT-X-MEDIA-SEQUENCE '-1' is not a decimal integer")]
    [InlineData("#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:99999999999999999999\n", 2, "is not a decimal integer")]
    [InlineData("#EXTM3U\n#EXT-X-DISCONTINUITY-SEQUENCE:1.5\n", 2, "EXT-X-DISCONTINUITY-SEQUENCE '1.5' is not a decimal integer")]
    [InlineData(Media + "#EXTINF:2,\nseg.ts\n#EXT-X-MEDIA-SEQUENCE:5", 5, "EXT-X-MEDIA-SEQUENCE must appear before the first segment")]
    [InlineData("#EXTM3U\n#EXTINF:2,\nseg.ts\n", 3, "media playlist has no EXT-X-TARGETDURATION")]
    [InlineData(Media + "#EXT-X-BYTERANGE:100\n#EXTINF:2,\nseg.ts", 3, "EXT-X-BYTERANGE without an offset must follow a sub-range of the same resource")]
    [InlineData(Media + "#EXT-X-BYTERANGE:100@0\n#EXTINF:2,\na.ts\n#EXT-X-BYTERANGE:100\n#EXTINF:2,\nb.ts", 6, "without an offset must follow a sub-range")]
    [InlineData(Media + "#EXTINF:2,\na.ts\n#EXT-X-BYTERANGE:100\n#EXTINF:2,\na.ts", 5, "without an offset must follow a sub-range")]
    [InlineData(Media + "#EXT-X-BYTERANGE:x@0\n#EXTINF:2,\nseg.ts", 3, "byte range length 'x' is not a decimal integer")]
    [InlineData(Media + "#EXT-X-KEY:URI=\"k\"", 3, "EXT-X-KEY has no METHOD")]
    [InlineData(Media + "#EXT-X-KEY:METHOD=AES-128", 3, "EXT-X-KEY with METHOD=AES-128 has no URI")]
    [InlineData(Media + "#EXT-X-KEY:METHOD=AES-128,URI=\"k\",IV=0xZZ", 3, "IV '0xZZ' is not a 0x hex sequence")]
    [InlineData(Media + "#EXT-X-MAP:BYTERANGE=\"10@0\"", 3, "EXT-X-MAP has no URI")]
    [InlineData(Media + "#EXT-X-PROGRAM-DATE-TIME:yesterday", 3, "EXT-X-PROGRAM-DATE-TIME 'yesterday' is not an ISO 8601 date-time")]
    [InlineData(Media + "#EXT-X-PROGRAM-DATE-TIME:2024-02-30T10:00:00Z", 3, "is not an ISO 8601 date-time")]
    [InlineData(Media + "#EXT-X-PROGRAM-DATE-TIME:2024-05-01T25:00:00Z", 3, "is not an ISO 8601 date-time")]
    [InlineData(Media + "#EXT-X-DATERANGE:START-DATE=\"2024-05-01T10:00:00Z\"", 3, "EXT-X-DATERANGE has no ID")]
    [InlineData(Media + "#EXT-X-DATERANGE:ID=\"a\",SCTE35-OUT=\"0xFC\"", 3, "SCTE35-OUT must be a 0x hex sequence")]
    [InlineData(Media + "#EXT-X-DATERANGE:ID=\"a\",SCTE35-OUT=0xFC3", 3, "SCTE35-OUT has an odd or empty number of hex digits")]
    [InlineData(Media + "#EXT-X-DATERANGE:ID=\"a\",DURATION=long", 3, "DURATION 'long' is not a decimal number")]
    [InlineData(Media + "#EXT-X-DATERANGE:ID=\"a,START-DATE=x", 3, "attribute ID has an unterminated quoted string")]
    [InlineData(Media + "#EXT-X-DATERANGE:ID=\"a\"x", 3, "unexpected text after the quoted value of ID")]
    [InlineData(Media + "#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=MAYBE", 3, "CAN-BLOCK-RELOAD must be YES or NO")]
    [InlineData(Media + "#EXT-X-PART:DURATION", 3, "attribute 'DURATION' has no value")]
    [InlineData(Media + "#EXT-X-START:PRECISE=YES", 3, "EXT-X-START has no TIME-OFFSET")]
    [InlineData(Media + "#EXT-X-START:TIME-OFFSET=ten", 3, "TIME-OFFSET 'ten' is not a signed decimal number")]
    [InlineData(Media + "#EXT-OATCLS-SCTE35:not base64!", 3, "EXT-OATCLS-SCTE35 payload 'not base64!' is neither 0x hex nor base64")]
    [InlineData(Media + "#EXT-X-CUE-OUT:soon", 3, "EXT-X-CUE-OUT duration 'soon' is not a decimal number")]
    [InlineData(Media + "#EXT-X-CUE-OUT-CONT:ElapsedTime=x,Duration=30", 3, "EXT-X-CUE-OUT-CONT ElapsedTime 'x' is not a decimal number")]
    [InlineData(Media + "#EXT-X-CUE-OUT-CONT:5/thirty", 3, "EXT-X-CUE-OUT-CONT duration 'thirty' is not a decimal number")]
    [InlineData(Media + "#EXT-X-SCTE35:CUE=\"@@\"", 3, "EXT-X-SCTE35 CUE '@@' is neither 0x hex nor base64")]
    [InlineData(Media + "#EXT-X-STREAM-INF:BANDWIDTH=1\nv.m3u8", 3, "EXT-X-STREAM-INF belongs in a master playlist, but line 2 made this a media playlist")]
    [InlineData("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nv.m3u8\n#EXTINF:2,", 4, "EXTINF belongs in a media playlist, but line 2 made this a master playlist")]
    [InlineData("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=abc\nv.m3u8", 2, "BANDWIDTH 'abc' is not a decimal integer")]
    [InlineData("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1,RESOLUTION=640by360\nv.m3u8", 2, "RESOLUTION '640by360' is not WIDTHxHEIGHT")]
    [InlineData("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1,FRAME-RATE=fast\nv.m3u8", 2, "FRAME-RATE 'fast' is not a decimal number")]
    [InlineData("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\n#EXT-X-STREAM-INF:BANDWIDTH=2\nv.m3u8", 3, "EXT-X-STREAM-INF on line 2 is not followed by a URI")]
    [InlineData("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH\nv.m3u8", 2, "attribute 'BANDWIDTH' has no value")]
    [InlineData("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=\nv.m3u8", 2, "attribute BANDWIDTH has an empty value")]
    [InlineData("#EXTM3U\n#EXT-X-STREAM-INF:BAND WIDTH=1\nv.m3u8", 2, "'BAND WIDTH' is not a valid attribute name")]
    [InlineData("#EXTM3U\n#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=1", 2, "EXT-X-I-FRAME-STREAM-INF has no URI")]
    [InlineData("#EXTM3U\n#EXT-X-MEDIA:TYPE=AUDIO,NAME=\"en\"", 2, "EXT-X-MEDIA has no GROUP-ID")]
    [InlineData("#EXTM3U\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\"", 2, "EXT-X-MEDIA has no NAME")]
    [InlineData("#EXTM3U\n#EXT-X-MEDIA:TYPE=HOLOGRAM,GROUP-ID=\"a\",NAME=\"x\"", 2, "EXT-X-MEDIA TYPE 'HOLOGRAM' is unknown")]
    [InlineData("#EXTM3U\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\",NAME=\"x\",DEFAULT=yes", 2, "DEFAULT must be YES or NO")]
    [InlineData("#EXTM3U\n#EXT-X-MEDIA:GROUP-ID=\"a\",NAME=\"x\"", 2, "EXT-X-MEDIA has no TYPE")]
    [InlineData(Media + "#EXTINF:2,\nhttp://[bad", 4, "'http://[bad' is not a valid URI")]
    public void Broken_playlist_names_the_line(string text, int line, string message)
    {
        var act = () => PlaylistParser.Parse(text, Base);

        var error = act.Should().Throw<PlaylistParseException>().Which;
        error.LineNumber.Should().Be(line);
        error.Message.Should().Contain(message).And.StartWith($"Line {line}: ");
    }

    [Fact]
    public void Caps_on_size_lines_line_length_and_segments_are_enforced()
    {
        var limits = new PlaylistParserLimits { MaxSegments = 3, MaxLines = 50, MaxLineLength = 100, MaxBytes = 2000 };
        var fourSegments = Media + string.Concat(Enumerable.Range(0, 4).Select(i => $"#EXTINF:2,\ns{i}.ts\n"));

        Invoking(() => PlaylistParser.Parse(fourSegments, Base, limits)).Should().Throw<PlaylistParseException>()
            .Which.Message.Should().Be("Line 10: playlist has more than 3 segments");
        Invoking(() => PlaylistParser.Parse(Media + new string('\n', 60), Base, limits)).Should().Throw<PlaylistParseException>()
            .Which.Message.Should().Be("Line 51: playlist has more than 50 lines");
        Invoking(() => PlaylistParser.Parse(Media + "#EXT-X-X:" + new string('a', 200), Base, limits)).Should().Throw<PlaylistParseException>()
            .Which.Message.Should().Be("Line 3: line is longer than 100 characters");
        Invoking(() => PlaylistParser.Parse(Media + new string('#', 3000), Base, limits)).Should().Throw<PlaylistParseException>()
            .Which.LineNumber.Should().Be(0);
        Invoking(() => PlaylistParser.Parse(Encoding.UTF8.GetBytes(Media + new string('#', 3000)), Base, limits))
            .Should().Throw<PlaylistParseException>().WithMessage("playlist is * bytes, over the limit of 2000");
    }

    [Fact]
    public void Caps_on_variants_date_ranges_and_cues_are_enforced()
    {
        var limits = new PlaylistParserLimits { MaxVariants = 2, MaxDateRanges = 1, MaxCuesPerSegment = 2 };
        var master = "#EXTM3U\n" + string.Concat(Enumerable.Range(0, 3).Select(i => $"#EXT-X-STREAM-INF:BANDWIDTH={i + 1}\nv{i}.m3u8\n"));
        var ranges = Media + "#EXT-X-DATERANGE:ID=\"a\"\n#EXT-X-DATERANGE:ID=\"b\"\n";
        var cues = Media + "#EXT-X-CUE-IN\n#EXT-X-CUE-IN\n#EXT-X-CUE-IN\n#EXTINF:2,\ns.ts\n";

        Invoking(() => PlaylistParser.Parse(master, Base, limits)).Should().Throw<PlaylistParseException>().Which.LineNumber.Should().Be(7);
        Invoking(() => PlaylistParser.Parse(ranges, Base, limits)).Should().Throw<PlaylistParseException>().Which.LineNumber.Should().Be(4);
        Invoking(() => PlaylistParser.Parse(cues, Base, limits)).Should().Throw<PlaylistParseException>().Which.LineNumber.Should().Be(5);
    }

    [Fact]
    public void Invalid_utf8_names_its_line()
    {
        var bytes = Encoding.UTF8.GetBytes(Media + "#EXTINF:2,\n").Concat(new byte[] { 0x73, 0xC3, 0x28, 0x0A }).ToArray();

        Invoking(() => PlaylistParser.Parse(bytes, Base)).Should().Throw<PlaylistParseException>()
            .Which.Message.Should().Be("Line 4: playlist is not valid UTF-8");
    }

    [Fact]
    public void Media_and_master_shortcuts_refuse_the_other_kind()
    {
        Invoking(() => PlaylistParser.ParseMedia("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nv.m3u8", Base))
            .Should().Throw<PlaylistParseException>().WithMessage("*expected a media playlist*");
        Invoking(() => PlaylistParser.ParseMaster(Media, Base))
            .Should().Throw<PlaylistParseException>().WithMessage("*expected a master playlist*");
    }

    [Fact]
    public void A_relative_base_uri_is_refused_as_an_argument_error()
    {
        Invoking(() => PlaylistParser.Parse(Media, new Uri("index.m3u8", UriKind.Relative)))
            .Should().Throw<ArgumentException>();
    }

    private static Func<Playlist> Invoking(Func<Playlist> action) => action;
}
