using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using System.Text;
using Glance.Media.Hls;
using Xunit.Abstractions;

namespace Glance.Tests.Hls;

/// <summary>
/// Mutation fuzzing of the parser and of everything that consumes a parsed playlist. The only exception allowed out is
/// <see cref="PlaylistParseException"/>. Time per input is bounded by the parser's limits (the inputs are capped in size),
/// not by a clock. Replay a failure with GLANCE_FUZZ_SEED=&lt;seed printed in the test output&gt;.
/// </summary>
public sealed class PlaylistFuzzTests(ITestOutputHelper output)
{
    private const int Inputs = 100_000;
    private const int MaxInputLength = 16 * 1024;

    private static readonly PlaylistParserLimits Limits = new()
    {
        MaxBytes = MaxInputLength * 4,
        MaxLines = 5_000,
        MaxLineLength = 8 * 1024,
        MaxSegments = 2_000,
        MaxVariants = 200,
        MaxDateRanges = 500,
        MaxCuesPerSegment = 16,
    };

    private static readonly string[] Seeds =
    [
        """
        #EXTM3U
        #EXT-X-VERSION:7
        #EXT-X-TARGETDURATION:6
        #EXT-X-MEDIA-SEQUENCE:1000
        #EXT-X-DISCONTINUITY-SEQUENCE:3
        #EXT-X-PLAYLIST-TYPE:EVENT
        #EXT-X-INDEPENDENT-SEGMENTS
        #EXT-X-START:TIME-OFFSET=-18.0,PRECISE=YES
        #EXT-X-DATERANGE:ID="splice-1",START-DATE="2024-05-01T10:00:07.000Z",PLANNED-DURATION=30,SCTE35-OUT=0xFC302500000000000000FFF01405000000017FEFFE0029,X-AD="abc"
        #EXT-X-KEY:METHOD=AES-128,URI="key.bin",IV=0x00000000000000000000000000000001
        #EXT-X-MAP:URI="init.mp4",BYTERANGE="720@0"
        #EXT-X-PROGRAM-DATE-TIME:2024-05-01T10:00:00.000+00:00
        #EXTINF:6.006,first
        #EXT-X-BYTERANGE:1000@720
        media.mp4
        #EXT-X-CUE-OUT:30
        #EXT-OATCLS-SCTE35:/DAlAAAAAAAAAP/wFAUAAAABf+/+AJcsTX4AKTLgAAEAAAAAPh/Gug==
        #EXTINF:6.006,
        #EXT-X-BYTERANGE:1000
        media.mp4
        #EXT-X-CUE-OUT-CONT:ElapsedTime=6.006,Duration=30,SCTE35=/DAlAAAAAAAAAP/wFAUAAAABf+/+AJcsTX4AKTLgAAEAAAAAPh/Gug==
        #EXTINF:6.006,
        seg3.m4s
        #EXT-X-DISCONTINUITY
        #EXT-X-GAP
        #EXT-X-CUE-IN
        #EXTINF:6.006,
        ../other/seg4.m4s?x=1&y=2
        #EXT-X-SCTE35:CUE="/DAlAAAAAAAAAP/wFAUAAAABf+/+AJcsTX4AKTLgAAEAAAAAPh/Gug==",CUE-OUT=YES,DURATION=10,ID="b2"
        #EXT-X-KEY:METHOD=NONE
        #EXT-X-BITRATE:1200
        #EXTINF:5,
        https://other.example.com/seg5.ts
        #EXT-X-ENDLIST
        """,
        """
        #EXTM3U
        #EXT-X-VERSION:6
        #EXT-X-INDEPENDENT-SEGMENTS
        #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aac",NAME="English",LANGUAGE="en",DEFAULT=YES,AUTOSELECT=YES,CHANNELS="2",URI="audio/en.m3u8"
        #EXT-X-MEDIA:TYPE=CLOSED-CAPTIONS,GROUP-ID="cc",NAME="CC1",INSTREAM-ID="CC1"
        #EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="English",LANGUAGE="en",FORCED=NO,URI="subs/en.m3u8"
        #EXT-X-STREAM-INF:BANDWIDTH=2500000,AVERAGE-BANDWIDTH=2200000,RESOLUTION=1280x720,CODECS="avc1.64001f,mp4a.40.2",FRAME-RATE=29.970,AUDIO="aac",SUBTITLES="subs",CLOSED-CAPTIONS="cc"
        720p/index.m3u8
        #EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360,CODECS="avc1.4d401e,mp4a.40.2",AUDIO="aac",CLOSED-CAPTIONS=NONE
        360p/index.m3u8
        #EXT-X-STREAM-INF:BANDWIDTH=64000,CODECS="mp4a.40.2"
        audio-only.m3u8
        #EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=200000,RESOLUTION=1280x720,CODECS="avc1.64001f",URI="720p/iframes.m3u8"
        """,
        """
        #EXTM3U
        #EXT-X-TARGETDURATION:4
        #EXT-X-VERSION:9
        #EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=1.0,CAN-SKIP-UNTIL=24.0,HOLD-BACK=12
        #EXT-X-PART-INF:PART-TARGET=0.33334
        #EXT-X-MEDIA-SEQUENCE:266
        #EXT-X-SKIP:SKIPPED-SEGMENTS=2
        #EXT-X-PROGRAM-DATE-TIME:2019-02-14T02:13:36.106Z
        #EXT-X-MAP:URI="init.mp4"
        #EXTINF:4.00008,
        fileSequence268.mp4
        #EXT-X-PART:DURATION=0.33334,URI="filePart269.0.mp4",INDEPENDENT=YES
        #EXTINF:4.00008,
        fileSequence269.mp4
        #EXT-X-PRELOAD-HINT:TYPE=PART,URI="filePart270.1.mp4"
        #EXT-X-RENDITION-REPORT:URI="../1M/waitForMSN.php",LAST-MSN=273,LAST-PART=2
        """,
        """
        #EXTM3U
        #EXT-X-VERSION:6
        #EXT-X-TARGETDURATION:2
        #EXT-X-MEDIA-SEQUENCE:0
        #EXT-X-DISCONTINUITY
        #EXT-X-INDEPENDENT-SEGMENTS
        #EXTINF:2.000000,
        #EXT-X-PROGRAM-DATE-TIME:2026-11-21T19:22:03.792+0000
        ts0.ts
        #EXTINF:2.000000,
        ts1.ts
        #EXTINF:2.000000,
        #EXT-X-PROGRAM-DATE-TIME:2026-11-21T19:22:07.792+0000
        ts2.ts
        """,
        // Violations players read past (see LenientPlaylistTableTests), so mutations explore the warning paths too.
        """

        #EXTM3U
        #EXT-X-VERSION:x
        #EXT-X-TARGETDURATION:4.5
        #EXT-X-PLAYLIST-TYPE:LIVE
        #EXT-X-BYTERANGE:100@0
        #EXTINF:4.5 sec,first
        a.ts
        #EXT-X-BYTERANGE:50@0
        #EXTINF:4
        b.ts
        #EXTINF:2,
        #EXTINF:9,
        #EXT-X-BYTERANGE:100
        a.ts
        c.ts
        #EXTINF:3,
        """,
    ];

    private static readonly string[] Nasty =
    [
        "", "0", "-1", "-0", "1.5", ".5", "5.", "+3", "1e5", "99999999999999999999", "9223372036854775807", "9223372036854775808",
        "2147483648", new string('9', 400), "NaN", "Infinity", "-Infinity", "0x", "0xZZ", "0XFC30", "0xFC3", "0x" + new string('a', 33),
        "\"", "\"open", "\"\"", "\"a\"b", "YES", "NO", "yes", "NONE", "AES-128", "SAMPLE-AES", "EVENT", "VOD", "AUDIO", "CONT",
        "2024-13-45T99:99:99Z", "9999-12-31T23:59:59.9999999-14:00", "9999-12-31T23:59:59.9999999+14:00", "0001-01-01T00:00:00+14:00",
        "0001-01-01T00:00:00.0000001-14:00", "2024-05-01T10:00:00Z", "2024-05-01T10:00:00.123456789123+05:45", "2024-05-01T10:00",
        "../../../../etc/passwd", "http://[::1", "http://", "https:", "//", "/", "?", "#", "%", "%zz", "skd://x", "data:,x",
        "file:///etc/passwd", "\\\\server\\share", "1280x720", "0x0", "99999999999x99999999999", "x", "100@", "@", "@5",
        "100@99999999999999999999", "9223372036854775807@9223372036854775807", "1@9223372036854775806", "/DAlAAAA", "===", "A",
        new string('A', 3000), "\u0000", "\uFFFF", "\uD800", "é", " ", ",", "=", ",,", "a=b", "X-Y=\"z\"", "ID=\"q\"",
    ];

    private static readonly string[] TagLines =
    [
        "#EXTM3U", "#EXT-X-DISCONTINUITY", "#EXTINF:", "#EXTINF:2,", "#EXT-X-BYTERANGE:100", "#EXT-X-BYTERANGE:9223372036854775807@1",
        "#EXT-X-PROGRAM-DATE-TIME:9999-12-31T23:59:59.999+14:00", "#EXT-X-STREAM-INF:BANDWIDTH=1", "#EXT-X-MEDIA-SEQUENCE:9223372036854775807",
        "#EXT-X-SKIP:SKIPPED-SEGMENTS=9223372036854775807", "#EXT-X-DISCONTINUITY-SEQUENCE:9223372036854775807", "#EXT-X-ENDLIST",
        "#EXT-X-KEY:METHOD=NONE", "#EXT-X-MAP:URI=\"i.mp4\"", "#EXT-X-TARGETDURATION:2147483647",
        "#EXT-X-DATERANGE:ID=\"z\",START-DATE=\"2024-05-01T10:00:03Z\",DURATION=99999999999,SCTE35-IN=0xFC",
        "#EXT-X-CUE-OUT-CONT:1/2", "#EXT-X-CUE-OUT", "#EXT-X-GAP", "#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=5,URI=\"i.m3u8\"",
        "#EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID=\"v\",NAME=\"n\"", "#EXT-X-SERVER-CONTROL:HOLD-BACK=1e999", "segment.ts", "https://x/y.ts",
    ];

    private static readonly char[] Interesting =
        ['\n', '\r', ',', '=', '"', '#', ':', '@', '0', '9', 'x', '-', '.', ' ', '\t', '\0', '\uFEFF', 'é', '\uD800', '/', '?', '%', 'E', 'X', '\u2028'];

    [Fact]
    public void Mutated_playlists_fail_only_with_a_parse_exception()
    {
        var seed = Environment.GetEnvironmentVariable("GLANCE_FUZZ_SEED") is { Length: > 0 } text ? int.Parse(text) : Random.Shared.Next();
        output.WriteLine($"GLANCE_FUZZ_SEED={seed}");
        var baseUri = new Uri("https://cdn.example.com/live/720p/index.m3u8?token=abc");
        var seeded = Seeds.Select(s => PlaylistParser.Parse(s, baseUri)).ToArray();
        var priorCursor = SegmentCursor.Initial.Advance((MediaPlaylist)seeded[0]).Next;
        var failures = new List<string>();
        int parsed = 0, refused = 0;
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var json = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(json);
        for (var i = 0; i < Inputs && failures.Count < 5; i++)
        {
            var random = new Random(unchecked((seed * 1_000_003) + i));
            var source = random.Next(Seeds.Length);
            var input = Mutate(Seeds[source], random);
            var lineCount = input.AsSpan().Count('\n') + input.AsSpan().Count('\r') + 1;
            try
            {
                Playlist playlist;
                if (random.Next(10) == 0)
                {
                    var bytes = Encoding.UTF8.GetBytes(input);
                    for (var flips = random.Next(1, 4); flips > 0 && bytes.Length > 0; flips--)
                    {
                        bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                    }

                    // A flipped byte may have become a line end: count the lines of what is parsed.
                    lineCount = bytes.AsSpan().Count((byte)'\n') + bytes.AsSpan().Count((byte)'\r') + 1;

                    playlist = PlaylistParser.Parse(bytes, baseUri, Limits);
                }
                else
                {
                    playlist = PlaylistParser.Parse(input, baseUri, Limits);
                }

                if (playlist.Warnings.Count > Limits.MaxWarnings ||
                    playlist.Warnings.Any(w => w.Line < 1 || w.Line > lineCount + 1 || string.IsNullOrEmpty(w.Code) || !w.Message.Contains("RFC 8216")))
                {
                    failures.Add($"input {i}: bad warnings: {string.Join("; ", playlist.Warnings.Select(w => $"{w.Code}@{w.Line}: {w.Message}"))}");
                }

                json.Clear();
                writer.Reset(json);
                PlaylistJson.Write(playlist, writer);
                Consume(playlist, seeded[source], priorCursor);
                parsed++;
            }
            catch (PlaylistParseException error)
            {
                refused++;
                if (error.LineNumber < 0 || error.LineNumber > lineCount + 1 || string.IsNullOrWhiteSpace(error.Reason))
                {
                    failures.Add($"input {i}: bad error report (line {error.LineNumber} of {lineCount}): {error.Message}");
                }
            }
            catch (Exception error)
            {
                failures.Add($"input {i} (seed {seed}): {error.GetType().Name}: {error.Message}\n{error.StackTrace}\n--- input ---\n{input}\n---");
            }
        }

        output.WriteLine($"{parsed} parsed, {refused} refused in {clock.Elapsed.TotalSeconds:F1} s " +
            $"({(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s of processor time)");
        foreach (var failure in failures)
        {
            output.WriteLine(failure);
        }

        failures.Should().BeEmpty($"GLANCE_FUZZ_SEED={seed} replays this run");
        (parsed + refused).Should().Be(Inputs);
        parsed.Should().BeGreaterThan(Inputs / 20, "mutations should leave many playlists valid");
        refused.Should().BeGreaterThan(Inputs / 20, "mutations should break many playlists");
    }

    /// <summary>Everything downstream of the parser must take whatever the parser accepted.</summary>
    private static void Consume(Playlist playlist, Playlist original, SegmentCursor priorCursor)
    {
        var now = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);
        switch (playlist)
        {
            case MediaPlaylist media:
                var fresh = SegmentCursor.Initial.Advance(media);
                if (fresh.Next.Advance(media).Segments.Count != 0)
                {
                    throw new InvalidOperationException("the same playlist handed over segments twice");
                }

                priorCursor.Advance(media);
                priorCursor.Advance(media, new SegmentCursorOptions { Start = CursorStartPosition.FirstInWindow, Identity = SegmentIdentity.FullUri });
                ReloadPolicy.HasChanged(original as MediaPlaylist, media);
                ReloadPolicy.NextLoad(media, now, changed: true, now);
                break;
            case MasterPlaylist master:
                VariantSelector.Rank(master, new VariantSelectorOptions { PreferredBandwidth = 1_000_000, MaxBandwidth = 3_000_000 });
                break;
        }
    }

    private static string Mutate(string seed, Random random)
    {
        var text = new StringBuilder(seed);
        for (var count = random.Next(1, 5); count > 0; count--)
        {
            switch (random.Next(9))
            {
                case 0 when text.Length > 0:
                    text[random.Next(text.Length)] = Interesting[random.Next(Interesting.Length)];
                    break;
                case 1:
                    text.Insert(random.Next(text.Length + 1), random.Next(2) == 0 ? Interesting[random.Next(Interesting.Length)].ToString() : Nasty[random.Next(Nasty.Length)]);
                    break;
                case 2 when text.Length > 0:
                    var at = random.Next(text.Length);
                    text.Remove(at, Math.Min(random.Next(1, 20), text.Length - at));
                    break;
                case 3:
                    MutateLines(text, random, lines =>
                    {
                        var line = random.Next(lines.Count);
                        lines.InsertRange(line, Enumerable.Repeat(lines[line], random.Next(1, 20)));
                    });
                    break;
                case 4:
                    MutateLines(text, random, lines => lines.RemoveAt(random.Next(lines.Count)));
                    break;
                case 5:
                    MutateLines(text, random, lines =>
                    {
                        int a = random.Next(lines.Count), b = random.Next(lines.Count);
                        (lines[a], lines[b]) = (lines[b], lines[a]);
                    });
                    break;
                case 6 when text.Length > 0:
                    text.Length = random.Next(text.Length);
                    break;
                case 7:
                    ReplaceValue(text, random);
                    break;
                default:
                    MutateLines(text, random, lines => lines.Insert(random.Next(lines.Count + 1), random.Next(3) == 0
                        ? Seeds[random.Next(Seeds.Length)].Split('\n')[random.Next(8)]
                        : TagLines[random.Next(TagLines.Length)]));
                    break;
            }
        }

        if (text.Length > MaxInputLength)
        {
            text.Length = MaxInputLength;
        }

        return text.ToString();
    }

    private static void MutateLines(StringBuilder text, Random random, Action<List<string>> change)
    {
        var lines = text.ToString().Split('\n').ToList();
        if (lines.Count == 0)
        {
            return;
        }

        change(lines);
        text.Clear().AppendJoin('\n', lines);
    }

    /// <summary>Replaces the value after a random '=' or ':' (up to the next ',' or line end) with a nasty one.</summary>
    private static void ReplaceValue(StringBuilder text, Random random)
    {
        var content = text.ToString();
        var marks = new List<int>();
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] is '=' or ':')
            {
                marks.Add(i);
            }
        }

        if (marks.Count == 0)
        {
            return;
        }

        var start = marks[random.Next(marks.Count)] + 1;
        var end = start;
        while (end < content.Length && content[end] is not (',' or '\n'))
        {
            end++;
        }

        text.Remove(start, end - start).Insert(start, Nasty[random.Next(Nasty.Length)]);
    }
}
