using System.Buffers;
using System.Text.Unicode;

namespace Glance.Media.Hls;

/// <summary>
/// Parses RFC 8216 master and media playlists. Pure: no I/O, no clock. Linear in the input and bounded by
/// <see cref="PlaylistParserLimits"/>. It parses what players play: a violation that leaves the playlist meaning one
/// thing is read past and reported as a <see cref="PlaylistWarning"/> on <see cref="Playlist.Warnings"/>; one that
/// leaves it ambiguous or unplayable throws <see cref="PlaylistParseException"/> naming the line.
/// </summary>
/// <remarks>
/// <para>Read past with a warning (codes in <see cref="PlaylistWarningCodes"/>): a byte order mark, blank lines before
/// #EXTM3U, white space around lines, lone CR line ends, an EXTINF without its comma or with text after its duration,
/// a repeated EXTINF, a segment without EXTINF (the target duration stands in), tags left without a segment at the end,
/// a segment longer than the target duration, a fractional target duration, a byte range continuing an earlier
/// sub-range of its resource, an unknown playlist type or version. A playlist of the header alone (no segments, even no
/// target duration) is an empty media playlist.</para>
/// <para>Not reported: what RFC 8216 allows (blank lines, comments, unknown tags), the fine print of attribute lists
/// (lower-case names, which then match no attribute; empty elements; white space around values) and a date-time
/// offset written "+hhmm".</para>
/// <para>Program date-time: a segment without its own EXT-X-PROGRAM-DATE-TIME gets the last one plus the durations in
/// between. It is not carried across an EXT-X-DISCONTINUITY (the timeline may jump there; RFC 8216 section 6.2.1 asks
/// servers to tag the first segment after one), nor backwards to segments before the first tag.</para>
/// <para>SCTE-35 cue tags apply to the segment that follows them. A DATERANGE carrying SCTE35-OUT, -CMD (at START-DATE)
/// or -IN (at END-DATE, else START-DATE plus DURATION, else START-DATE) is placed on the segment whose program date-time
/// span holds that instant; without program date-times it goes to the segment after the tag. Either way the date range
/// itself is also listed in <see cref="MediaPlaylist.DateRanges"/>.</para>
/// <para>Low-latency partial segments (EXT-X-PART, EXT-X-PRELOAD-HINT) are checked for syntax and otherwise ignored.</para>
/// </remarks>
public static class PlaylistParser
{
    public static Playlist Parse(string text, Uri baseUri, PlaylistParserLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(text.AsSpan(), baseUri, limits);
    }

    /// <summary>Parses UTF-8 bytes as fetched; refuses bodies over <see cref="PlaylistParserLimits.MaxBytes"/> before decoding.</summary>
    public static Playlist Parse(ReadOnlySpan<byte> utf8, Uri baseUri, PlaylistParserLimits? limits = null)
    {
        limits ??= PlaylistParserLimits.Default;
        if (utf8.Length > limits.MaxBytes)
        {
            throw new PlaylistParseException($"playlist is {utf8.Length} bytes, over the limit of {limits.MaxBytes}", 0);
        }

        var byteOrderMark = utf8.StartsWith("\uFEFF"u8);
        if (byteOrderMark)
        {
            utf8 = utf8[3..];
        }

        var chars = ArrayPool<char>.Shared.Rent(Math.Max(utf8.Length, 1));
        try
        {
            var status = Utf8.ToUtf16(utf8, chars, out var read, out var written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                var line = 1 + utf8[..read].Count((byte)'\n');
                throw new PlaylistParseException("playlist is not valid UTF-8", line);
            }

            return ParseText(chars.AsSpan(0, written), baseUri, limits, byteOrderMark);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    public static Playlist Parse(ReadOnlySpan<char> text, Uri baseUri, PlaylistParserLimits? limits = null) =>
        ParseText(text, baseUri, limits ?? PlaylistParserLimits.Default, byteOrderMark: false);

    private static Playlist ParseText(ReadOnlySpan<char> text, Uri baseUri, PlaylistParserLimits limits, bool byteOrderMark)
    {
        var resolver = new UriResolver(baseUri);
        if (text.Length > limits.MaxBytes)
        {
            throw new PlaylistParseException($"playlist is {text.Length} characters, over the limit of {limits.MaxBytes}", 0);
        }

        if (!text.IsEmpty && text[0] == '\uFEFF')
        {
            text = text[1..];
            byteOrderMark = true;
        }

        var warnings = new PlaylistWarningLog(limits);
        if (byteOrderMark)
        {
            warnings.Add(PlaylistWarningCodes.ByteOrderMark, 1, "the playlist starts with a byte order mark, which RFC 8216 section 4.1 forbids; it is skipped");
        }

        var state = new ParseState(resolver, limits, warnings);
        var lineNumber = 0;
        var sawHeader = false;
        var warnedLoneCr = false;
        while (!text.IsEmpty)
        {
            var end = text.IndexOfAny('\r', '\n');
            ReadOnlySpan<char> line;
            var loneCr = false;
            if (end < 0)
            {
                line = text;
                text = default;
            }
            else
            {
                line = text[..end];
                var next = end + 1;
                if (text[end] == '\r')
                {
                    if (next < text.Length && text[next] == '\n')
                    {
                        next++;
                    }
                    else
                    {
                        loneCr = true;
                    }
                }

                text = text[next..];
            }

            lineNumber++;
            if (loneCr && !warnedLoneCr)
            {
                // Once is enough: a server that ends lines with CR does so on every line.
                warnedLoneCr = true;
                warnings.Add(PlaylistWarningCodes.LineEndingCr, lineNumber, "line ends with a lone CR; RFC 8216 section 4.1 allows only LF or CRLF");
            }

            if (lineNumber > limits.MaxLines)
            {
                throw new PlaylistParseException($"playlist has more than {limits.MaxLines} lines", lineNumber);
            }

            if (line.Length > limits.MaxLineLength)
            {
                throw new PlaylistParseException($"line is longer than {limits.MaxLineLength} characters", lineNumber);
            }

            var trimmed = line.Trim();
            if (trimmed.Length != line.Length)
            {
                warnings.Add(PlaylistWarningCodes.LineWhitespace, lineNumber, "line has white space around it, which RFC 8216 section 4.1 forbids; it is trimmed");
            }

            line = trimmed;
            if (line.IsEmpty)
            {
                continue;
            }

            if (!sawHeader)
            {
                if (!line.SequenceEqual("#EXTM3U"))
                {
                    throw new PlaylistParseException("playlist does not start with #EXTM3U", lineNumber);
                }

                if (lineNumber > 1)
                {
                    warnings.Add(PlaylistWarningCodes.HeaderNotFirstLine, lineNumber, "#EXTM3U follows blank lines; RFC 8216 section 4.3.1.1 wants it on the first line");
                }

                sawHeader = true;
                continue;
            }

            if (line[0] != '#')
            {
                state.UriLine(line, lineNumber);
            }
            else if (line.StartsWith("#EXT"))
            {
                var colon = line.IndexOf(':');
                var name = colon < 0 ? line[1..] : line[1..colon];
                var value = colon < 0 ? default : line[(colon + 1)..].Trim();
                state.Tag(name, value, lineNumber);
            }
        }

        if (!sawHeader)
        {
            throw new PlaylistParseException("playlist is empty (no #EXTM3U)", Math.Max(lineNumber, 1));
        }

        return warnings.AttachTo(state.Build(Math.Max(lineNumber, 1)));
    }

    /// <summary>Parses and insists on a media playlist, as when loading a variant.</summary>
    public static MediaPlaylist ParseMedia(string text, Uri baseUri, PlaylistParserLimits? limits = null) =>
        Parse(text, baseUri, limits) as MediaPlaylist ??
        throw new PlaylistParseException("expected a media playlist but this is a master playlist", 1);

    /// <summary>Parses and insists on a master playlist.</summary>
    public static MasterPlaylist ParseMaster(string text, Uri baseUri, PlaylistParserLimits? limits = null) =>
        Parse(text, baseUri, limits) as MasterPlaylist ??
        throw new PlaylistParseException("expected a master playlist but this is a media playlist", 1);

    /// <summary>Routes each line to the builder of the playlist kind its first decisive tag chose.</summary>
    private sealed class ParseState(UriResolver resolver, PlaylistParserLimits limits, PlaylistWarningLog warnings)
    {
        private MediaPlaylistBuilder? media;
        private MasterPlaylistBuilder? master;
        private int kindLine;
        private int? version;
        private int versionLine;
        private bool independentSegments;
        private PlaylistStart? start;

        public void UriLine(ReadOnlySpan<char> line, int lineNumber)
        {
            if (master is not null)
            {
                master.UriLine(line, lineNumber);
            }
            else
            {
                Media(lineNumber, "a segment URI").UriLine(line, lineNumber);
            }
        }

        public void Tag(ReadOnlySpan<char> name, ReadOnlySpan<char> value, int line)
        {
            switch (name)
            {
                case "EXTM3U":
                case "EXT-X-DEFINE":
                    break;
                case "EXT-X-VERSION":
                    version = ParseVersion(value, line);
                    break;
                case "EXT-X-INDEPENDENT-SEGMENTS":
                    independentSegments = true;
                    break;
                case "EXT-X-START":
                    start = ParseStart(value, line);
                    break;

                case "EXT-X-STREAM-INF":
                    Master(line, name).StreamInf(value, line);
                    break;
                case "EXT-X-I-FRAME-STREAM-INF":
                    Master(line, name).IFrameStreamInf(value, line);
                    break;
                case "EXT-X-MEDIA":
                    Master(line, name).Media(value, line);
                    break;
                case "EXT-X-SESSION-DATA":
                case "EXT-X-SESSION-KEY":
                case "EXT-X-CONTENT-STEERING":
                    Master(line, name);
                    break;

                case "EXTINF":
                    Media(line, name).Extinf(value, line);
                    break;
                case "EXT-X-TARGETDURATION":
                    Media(line, name).TargetDuration(value, line);
                    break;
                case "EXT-X-MEDIA-SEQUENCE":
                    Media(line, name).MediaSequence(value, line);
                    break;
                case "EXT-X-DISCONTINUITY-SEQUENCE":
                    Media(line, name).DiscontinuitySequence(value, line);
                    break;
                case "EXT-X-ENDLIST":
                    Media(line, name).EndList();
                    break;
                case "EXT-X-PLAYLIST-TYPE":
                    Media(line, name).PlaylistType(value, line);
                    break;
                case "EXT-X-I-FRAMES-ONLY":
                    Media(line, name).IFramesOnly();
                    break;
                case "EXT-X-BYTERANGE":
                    Media(line, name).ByteRange(value, line);
                    break;
                case "EXT-X-DISCONTINUITY":
                    Media(line, name).Discontinuity();
                    break;
                case "EXT-X-KEY":
                    Media(line, name).Key(value, line);
                    break;
                case "EXT-X-MAP":
                    Media(line, name).Map(value, line);
                    break;
                case "EXT-X-PROGRAM-DATE-TIME":
                    Media(line, name).ProgramDateTime(value, line);
                    break;
                case "EXT-X-DATERANGE":
                    Media(line, name).DateRange(value, line);
                    break;
                case "EXT-X-GAP":
                    Media(line, name).Gap();
                    break;
                case "EXT-X-BITRATE":
                    HlsValues.Integer(value, "EXT-X-BITRATE", line);
                    Media(line, name);
                    break;
                case "EXT-X-SERVER-CONTROL":
                    Media(line, name).ServerControl(value, line);
                    break;
                case "EXT-X-PART-INF":
                    Media(line, name).PartInf(value, line);
                    break;
                case "EXT-X-SKIP":
                    Media(line, name).Skip(value, line);
                    break;
                case "EXT-X-PART":
                case "EXT-X-PRELOAD-HINT":
                case "EXT-X-RENDITION-REPORT":
                    CheckAttributeList(value, line);
                    Media(line, name);
                    break;

                case "EXT-X-CUE-OUT":
                case "EXT-X-CUE-OUT-CONT":
                case "EXT-X-CUE-IN":
                case "EXT-OATCLS-SCTE35":
                case "EXT-X-SCTE35":
                    Media(line, name).Cue(CueTags.Parse(name, value, line), line);
                    break;

                default:
                    // Unknown tags are ignored, as RFC 8216 section 6.3.1 requires of clients.
                    break;
            }
        }

        public Playlist Build(int lastLine)
        {
            if (master is not null)
            {
                return master.Build(version, independentSegments, start);
            }

            // The header alone (or with tags either kind may hold) is an empty media playlist, as players read it: a
            // live source may publish it before its first segment, and a monitor must keep loading it.
            return (media ?? new MediaPlaylistBuilder(resolver, limits, warnings)).Build(version, independentSegments, start, lastLine);
        }

        private MediaPlaylistBuilder Media(int line, ReadOnlySpan<char> what)
        {
            if (master is not null)
            {
                throw new PlaylistParseException(
                    $"{AttributeReader.Shorten(what)} belongs in a media playlist, but line {kindLine} made this a master playlist", line);
            }

            if (media is null)
            {
                media = new MediaPlaylistBuilder(resolver, limits, warnings);
                kindLine = line;
            }

            return media;
        }

        private MasterPlaylistBuilder Master(int line, ReadOnlySpan<char> what)
        {
            if (media is not null)
            {
                throw new PlaylistParseException(
                    $"{AttributeReader.Shorten(what)} belongs in a master playlist, but line {kindLine} made this a media playlist", line);
            }

            if (master is null)
            {
                master = new MasterPlaylistBuilder(resolver, limits, warnings);
                kindLine = line;
            }

            return master;
        }

        private int? ParseVersion(ReadOnlySpan<char> value, int line)
        {
            if (versionLine > 0)
            {
                warnings.Add(PlaylistWarningCodes.TagRepeated, line,
                    $"EXT-X-VERSION appears again after line {versionLine} (RFC 8216 section 4.3.1.2 allows it once); this later one applies");
            }

            versionLine = line;
            if (HlsValues.TryInteger(value, out var parsed) && parsed <= int.MaxValue)
            {
                return (int)parsed;
            }

            // The version only promises which features the playlist may use; the tags themselves say which it does.
            warnings.Add(PlaylistWarningCodes.VersionInvalid, line,
                $"EXT-X-VERSION '{AttributeReader.Shorten(value)}' is not a decimal integer (RFC 8216 section 4.3.1.2); the version is read as absent");
            return null;
        }

        private static PlaylistStart ParseStart(ReadOnlySpan<char> value, int line)
        {
            double? offset = null;
            var precise = false;
            var reader = new AttributeReader(value, line);
            while (reader.MoveNext(out var name, out var attribute, out _))
            {
                switch (name)
                {
                    case "TIME-OFFSET":
                        offset = HlsValues.Float(attribute, "TIME-OFFSET", line, signed: true);
                        break;
                    case "PRECISE":
                        precise = HlsValues.YesNo(attribute, "PRECISE", line);
                        break;
                }
            }

            return new PlaylistStart(
                offset ?? throw new PlaylistParseException("EXT-X-START has no TIME-OFFSET", line), precise);
        }

        private static void CheckAttributeList(ReadOnlySpan<char> value, int line)
        {
            var reader = new AttributeReader(value, line);
            while (reader.MoveNext(out _, out _, out _))
            {
            }
        }
    }
}
