namespace Glance.Media.Hls;

/// <summary>Collects the tags of a media playlist line by line and applies them to the segments they govern.</summary>
internal sealed class MediaPlaylistBuilder(UriResolver resolver, PlaylistParserLimits limits, PlaylistWarningLog warnings)
{
    /// <summary>
    /// Target duration of a playlist without segments that gives none: the duration Apple's authoring guidance
    /// recommends, so a header-only live playlist is reloaded at a sane pace until segments appear.
    /// </summary>
    private const int DefaultTargetDuration = 6;

    private readonly List<MediaSegment> segments = [];

    // Segments that may be longer than the target duration (read before it, or longer than it then), with their EXTINF
    // line: checked against the final target duration at the end. Empty for a conforming playlist: no cost per segment.
    private List<(int Index, int Line)>? overlong;

    // Where the last sub-range of each resource ended, for byte ranges written without an offset.
    private readonly Dictionary<string, long> subRangeEnds = new(StringComparer.Ordinal);
    private List<DateRange>? dateRanges;
    private List<DateRangeCue>? dateRangeCues;

    private int? targetDuration;
    private long mediaSequence;
    private long discontinuitySequence;
    private bool endList;
    private PlaylistType? playlistType;
    private bool iFramesOnly;
    private ServerControl? serverControl;
    private double? partTarget;
    private long skippedSegments;

    // State that carries from segment to segment.
    private long discontinuities;
    private SegmentKey? key;
    private MediaInitializationSection? map;
    private DateTimeOffset? programDateTimeBase;
    private double secondsSinceProgramDateTime;
    private Uri? previousUri;
    private ByteRange? previousRange;
    private int? targetDurationLine;
    private Dictionary<string, int>? onceTagLines;

    // Tags waiting for the next segment URI.
    private bool hasExtinf;
    private double extinfDuration;
    private string? extinfTitle;
    private int extinfLine;
    private bool hasByteRange;
    private long byteRangeLength;
    private long? byteRangeOffset;
    private int byteRangeLine;
    private bool discontinuity;
    private DateTimeOffset? programDateTime;
    private bool gap;
    private List<Cue>? cues;

    public void Extinf(ReadOnlySpan<char> value, int line)
    {
        if (hasExtinf)
        {
            warnings.Add(PlaylistWarningCodes.ExtinfRepeated, line,
                $"EXTINF follows the EXTINF on line {extinfLine} with no segment URI between (RFC 8216 section 4.3.2.1); this later one applies");
        }

        var comma = value.IndexOf(',');
        var duration = (comma < 0 ? value : value[..comma]).Trim();
        extinfDuration = ExtinfDuration(duration, line);
        if (comma < 0)
        {
            warnings.Add(PlaylistWarningCodes.ExtinfMissingComma, line, "EXTINF has no comma after its duration (RFC 8216 section 4.3.2.1)");
        }

        var title = comma < 0 ? default : value[(comma + 1)..].Trim();
        extinfTitle = title.IsEmpty ? null : title.ToString();
        extinfLine = line;
        hasExtinf = true;
    }

    public void TargetDuration(ReadOnlySpan<char> value, int line)
    {
        // RFC 8216 asks for a decimal integer; a decimal number is rounded up rather than refused, as players do.
        NoteOnceOnly("EXT-X-TARGETDURATION", line);
        var seconds = HlsValues.Float(value, "EXT-X-TARGETDURATION", line);
        if (seconds > int.MaxValue)
        {
            throw new PlaylistParseException("EXT-X-TARGETDURATION is too large", line);
        }

        targetDuration = (int)Math.Ceiling(seconds);
        targetDurationLine = line;
        if (!HlsValues.TryInteger(value, out _))
        {
            warnings.Add(PlaylistWarningCodes.TargetDurationNotInteger, line,
                $"EXT-X-TARGETDURATION '{AttributeReader.Shorten(value)}' is not a decimal integer (RFC 8216 section 4.3.3.1); read as {targetDuration}");
        }
    }

    public void MediaSequence(ReadOnlySpan<char> value, int line)
    {
        RequireBeforeFirstSegment("EXT-X-MEDIA-SEQUENCE", line);
        NoteOnceOnly("EXT-X-MEDIA-SEQUENCE", line);
        mediaSequence = HlsValues.Integer(value, "EXT-X-MEDIA-SEQUENCE", line);
    }

    public void DiscontinuitySequence(ReadOnlySpan<char> value, int line)
    {
        RequireBeforeFirstSegment("EXT-X-DISCONTINUITY-SEQUENCE", line);
        NoteOnceOnly("EXT-X-DISCONTINUITY-SEQUENCE", line);
        discontinuitySequence = HlsValues.Integer(value, "EXT-X-DISCONTINUITY-SEQUENCE", line);
    }

    public void Skip(ReadOnlySpan<char> value, int line)
    {
        RequireBeforeFirstSegment("EXT-X-SKIP", line);
        var reader = new AttributeReader(value, line);
        while (reader.MoveNext(out var name, out var attribute, out _))
        {
            if (name.SequenceEqual("SKIPPED-SEGMENTS"))
            {
                skippedSegments = HlsValues.Integer(attribute, "SKIPPED-SEGMENTS", line);
            }
        }
    }

    public void EndList() => endList = true;

    public void IFramesOnly() => iFramesOnly = true;

    public void Discontinuity() => discontinuity = true;

    public void Gap() => gap = true;

    public void PlaylistType(ReadOnlySpan<char> value, int line)
    {
        NoteOnceOnly("EXT-X-PLAYLIST-TYPE", line);
        switch (value)
        {
            case "EVENT":
                playlistType = Hls.PlaylistType.Event;
                break;
            case "VOD":
                playlistType = Hls.PlaylistType.Vod;
                break;
            default:
                // Without a type the playlist is live and may change, which is the safe reading: it is reloaded and
                // EXT-X-ENDLIST still says when it is over.
                playlistType = null;
                warnings.Add(PlaylistWarningCodes.PlaylistTypeUnknown, line,
                    $"EXT-X-PLAYLIST-TYPE must be EVENT or VOD, not '{AttributeReader.Shorten(value)}' (RFC 8216 section 4.3.3.5); read as absent");
                break;
        }
    }

    public void ByteRange(ReadOnlySpan<char> value, int line)
    {
        (byteRangeLength, byteRangeOffset) = HlsValues.ByteRange(value, line);
        byteRangeLine = line;
        hasByteRange = true;
    }

    public void ProgramDateTime(ReadOnlySpan<char> value, int line) =>
        programDateTime = HlsValues.DateTime(value, "EXT-X-PROGRAM-DATE-TIME", line);

    public void Key(ReadOnlySpan<char> value, int line)
    {
        string? method = null, iv = null, keyFormat = null, keyFormatVersions = null;
        Uri? uri = null;
        var reader = new AttributeReader(value, line);
        while (reader.MoveNext(out var name, out var attribute, out _))
        {
            switch (name)
            {
                case "METHOD":
                    method = attribute.ToString();
                    break;
                case "URI":
                    uri = resolver.Resolve(attribute, line);
                    break;
                case "IV":
                    iv = HlsValues.HexSequence(attribute, "IV", line);
                    break;
                case "KEYFORMAT":
                    keyFormat = attribute.ToString();
                    break;
                case "KEYFORMATVERSIONS":
                    keyFormatVersions = attribute.ToString();
                    break;
            }
        }

        if (method is null)
        {
            throw new PlaylistParseException("EXT-X-KEY has no METHOD", line);
        }

        if (method == "NONE")
        {
            key = null;
            return;
        }

        if (uri is null)
        {
            throw new PlaylistParseException($"EXT-X-KEY with METHOD={AttributeReader.Shorten(method)} has no URI", line);
        }

        key = new SegmentKey { Method = method, Uri = uri, Iv = iv, KeyFormat = keyFormat, KeyFormatVersions = keyFormatVersions };
    }

    public void Map(ReadOnlySpan<char> value, int line)
    {
        Uri? uri = null;
        ByteRange? range = null;
        var reader = new AttributeReader(value, line);
        while (reader.MoveNext(out var name, out var attribute, out _))
        {
            switch (name)
            {
                case "URI":
                    uri = resolver.Resolve(attribute, line);
                    break;
                case "BYTERANGE":
                    var (length, offset) = HlsValues.ByteRange(attribute, line);
                    range = new ByteRange(length, offset ?? 0);
                    break;
            }
        }

        map = new MediaInitializationSection
        {
            Uri = uri ?? throw new PlaylistParseException("EXT-X-MAP has no URI", line),
            ByteRange = range,
        };
    }

    public void DateRange(ReadOnlySpan<char> value, int line)
    {
        dateRanges ??= [];
        if (dateRanges.Count >= limits.MaxDateRanges)
        {
            throw new PlaylistParseException($"playlist has more than {limits.MaxDateRanges} EXT-X-DATERANGE tags", line);
        }

        var range = DateRangeTag.Parse(value, line);
        dateRanges.Add(range);
        if (range.Scte35Out is not null || range.Scte35In is not null || range.Scte35Command is not null)
        {
            dateRangeCues ??= [];
            foreach (var (cue, at) in DateRangeTag.Cues(range))
            {
                dateRangeCues.Add(new DateRangeCue(cue, at, segments.Count, line));
            }
        }
    }

    public void ServerControl(ReadOnlySpan<char> value, int line)
    {
        var control = new ServerControl();
        var reader = new AttributeReader(value, line);
        while (reader.MoveNext(out var name, out var attribute, out _))
        {
            control = name switch
            {
                "CAN-SKIP-UNTIL" => control with { CanSkipUntil = HlsValues.Float(attribute, "CAN-SKIP-UNTIL", line) },
                "CAN-SKIP-DATERANGES" => control with { CanSkipDateRanges = HlsValues.YesNo(attribute, "CAN-SKIP-DATERANGES", line) },
                "HOLD-BACK" => control with { HoldBack = HlsValues.Float(attribute, "HOLD-BACK", line) },
                "PART-HOLD-BACK" => control with { PartHoldBack = HlsValues.Float(attribute, "PART-HOLD-BACK", line) },
                "CAN-BLOCK-RELOAD" => control with { CanBlockReload = HlsValues.YesNo(attribute, "CAN-BLOCK-RELOAD", line) },
                _ => control,
            };
        }

        serverControl = control;
    }

    public void PartInf(ReadOnlySpan<char> value, int line)
    {
        var reader = new AttributeReader(value, line);
        while (reader.MoveNext(out var name, out var attribute, out _))
        {
            if (name.SequenceEqual("PART-TARGET"))
            {
                partTarget = HlsValues.Float(attribute, "PART-TARGET", line);
            }
        }
    }

    public void Cue(Cue cue, int line)
    {
        cues ??= [];
        if (cues.Count >= limits.MaxCuesPerSegment)
        {
            throw new PlaylistParseException($"more than {limits.MaxCuesPerSegment} cue tags before one segment", line);
        }

        cues.Add(cue);
    }

    public void UriLine(ReadOnlySpan<char> reference, int line)
    {
        if (!hasExtinf)
        {
            // Players fall back on the target duration; before one is known the duration is anybody's guess.
            extinfDuration = targetDuration ?? throw new PlaylistParseException(
                "segment URI without a preceding EXTINF, and no EXT-X-TARGETDURATION before it to stand in for its duration", line);
            extinfTitle = null;
            extinfLine = line;
            warnings.Add(PlaylistWarningCodes.ExtinfMissing, line,
                $"segment URI without a preceding EXTINF (RFC 8216 section 4.3.2.1 requires one); its duration is the target duration, {extinfDuration} s");
        }

        if (segments.Count >= limits.MaxSegments)
        {
            throw new PlaylistParseException($"playlist has more than {limits.MaxSegments} segments", line);
        }

        var uri = resolver.Resolve(reference, line);
        ByteRange? range = null;
        if (hasByteRange)
        {
            long offset;
            if (byteRangeOffset is { } explicitOffset)
            {
                offset = explicitOffset;
            }
            else if (previousRange is { } previous && previousUri is not null && SameResource(previousUri, uri))
            {
                // RFC 8216 section 4.3.2.2: the sub-range starts at the byte after the previous one of the same resource.
                offset = previous.End;
            }
            else if (subRangeEnds.TryGetValue(uri.AbsoluteUri, out var earlierEnd))
            {
                offset = earlierEnd;
                warnings.Add(PlaylistWarningCodes.ByteRangeOffsetNotContiguous, byteRangeLine,
                    $"EXT-X-BYTERANGE without an offset does not follow a sub-range of the same resource (RFC 8216 section 4.3.2.2); it continues this resource's last sub-range, at {offset}");
            }
            else
            {
                // No earlier sub-range of this resource: byte 0 is only a guess (in a sliding live window the earlier
                // sub-ranges may just have left it), so this is refused rather than read.
                throw new PlaylistParseException(
                    "EXT-X-BYTERANGE without an offset must follow a sub-range of the same resource", byteRangeLine);
            }

            if (offset > long.MaxValue - byteRangeLength)
            {
                throw new PlaylistParseException("byte range runs past the largest possible offset", byteRangeLine);
            }

            range = new ByteRange(byteRangeLength, offset);
            subRangeEnds[uri.AbsoluteUri] = range.Value.End;
        }
        else if (subRangeEnds.Count > 0)
        {
            // The whole resource is no sub-range to continue.
            subRangeEnds.Remove(uri.AbsoluteUri);
        }

        if (discontinuity)
        {
            discontinuities++;
        }

        DateTimeOffset? segmentTime = null;
        if (programDateTime is { } tagged)
        {
            segmentTime = tagged;
            programDateTimeBase = tagged;
            secondsSinceProgramDateTime = 0;
        }
        else if (discontinuity)
        {
            programDateTimeBase = null;
        }
        else if (programDateTimeBase is { } carried)
        {
            segmentTime = HlsValues.AddSeconds(carried, secondsSinceProgramDateTime, line);
        }

        secondsSinceProgramDateTime += extinfDuration;
        segments.Add(new MediaSegment
        {
            Uri = uri,
            Duration = extinfDuration,
            Title = extinfTitle,
            MediaSequence = Add(Add(mediaSequence, skippedSegments, line), segments.Count, line),
            DiscontinuitySequence = Add(discontinuitySequence, discontinuities, line),
            Discontinuity = discontinuity,
            ProgramDateTime = segmentTime,
            ProgramDateTimeTagged = programDateTime is not null,
            ByteRange = range,
            Key = key,
            Map = map,
            Gap = gap,
            Cues = cues is null ? [] : cues.ToArray(),
        });
        if (targetDuration is not { } knownTarget || Math.Round(extinfDuration, MidpointRounding.AwayFromZero) > knownTarget)
        {
            (overlong ??= []).Add((segments.Count - 1, extinfLine));
        }

        previousUri = uri;
        previousRange = range;
        hasExtinf = false;
        hasByteRange = false;
        discontinuity = false;
        programDateTime = null;
        gap = false;
        cues?.Clear();
    }

    public MediaPlaylist Build(int? version, bool independentSegments, PlaylistStart? start, int lastLine)
    {
        if (hasExtinf)
        {
            // A live server may publish the tags of a segment before its URI; the segment shows up on the next load.
            warnings.Add(PlaylistWarningCodes.ExtinfWithoutUri, extinfLine,
                "EXTINF is not followed by a segment URI (RFC 8216 section 4.3.2); it is dropped");
        }

        var target = targetDuration ?? StandInTargetDuration(lastLine);
        if (targetDuration is not null)
        {
            WarnSegmentsLongerThan(target);
        }

        var built = segments.ToArray();
        if (dateRangeCues is not null)
        {
            DateRangeCuePlacement.Place(built, dateRangeCues, limits.MaxCuesPerSegment);
        }

        return new MediaPlaylist
        {
            BaseUri = resolver.BaseUri,
            Version = version,
            IndependentSegments = independentSegments,
            Start = start,
            TargetDuration = target,
            MediaSequence = mediaSequence,
            DiscontinuitySequence = discontinuitySequence,
            EndList = endList,
            PlaylistType = playlistType,
            IFramesOnly = iFramesOnly,
            ServerControl = serverControl,
            PartTargetDuration = partTarget,
            SkippedSegments = skippedSegments,
            Segments = built,
            DateRanges = dateRanges is null ? [] : dateRanges.ToArray(),
        };
    }

    /// <summary>
    /// A playlist of the header alone has nothing to play yet, so a missing target duration costs nothing but the
    /// reload pace: a stand-in is used. With segments it is refused, as hls.js refuses it ("Missing Target Duration"):
    /// the reload and live-edge rules hang on it.
    /// </summary>
    private int StandInTargetDuration(int lastLine)
    {
        if (segments.Count > 0)
        {
            throw new PlaylistParseException("media playlist has no EXT-X-TARGETDURATION", lastLine);
        }

        warnings.Add(PlaylistWarningCodes.TargetDurationMissing, lastLine,
            $"playlist has no segments and no EXT-X-TARGETDURATION (RFC 8216 section 4.3.3.1 requires one); read as an empty media playlist with a target duration of {DefaultTargetDuration} s");
        return DefaultTargetDuration;
    }

    private void WarnSegmentsLongerThan(int target)
    {
        foreach (var (index, line) in overlong ?? [])
        {
            var duration = segments[index].Duration;
            if (Math.Round(duration, MidpointRounding.AwayFromZero) > target)
            {
                warnings.Add(PlaylistWarningCodes.ExtinfExceedsTargetDuration, line,
                    $"segment of {duration.ToString(System.Globalization.CultureInfo.InvariantCulture)} s is longer than the target duration of {target} s on line {targetDurationLine} (RFC 8216 section 4.3.3.1)");
            }
        }
    }

    /// <summary>
    /// An EXTINF duration, read as players read it: the decimal number the text starts with. Text after it is a
    /// warning; no number at all (or a sign) is refused, since then there is nothing to read.
    /// </summary>
    private double ExtinfDuration(ReadOnlySpan<char> text, int line)
    {
        var length = HlsValues.LeadingDecimal(text, out var seconds);
        if (length == 0)
        {
            // Not a number (empty, signed, NaN): refused with the message every other decimal field gives.
            return HlsValues.Float(text, "EXTINF duration", line);
        }

        if (length < text.Length)
        {
            warnings.Add(PlaylistWarningCodes.ExtinfTrailingText, line,
                $"EXTINF duration '{AttributeReader.Shorten(text)}' has text after its number (RFC 8216 section 4.3.2.1); read as {seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        return seconds;
    }

    /// <summary>RFC 8216 section 4.3.3: each media playlist tag appears at most once; a repeat is read, the later one applying.</summary>
    private void NoteOnceOnly(string tag, int line)
    {
        onceTagLines ??= new Dictionary<string, int>(StringComparer.Ordinal);
        if (onceTagLines.TryGetValue(tag, out var first))
        {
            warnings.Add(PlaylistWarningCodes.TagRepeated, line,
                $"{tag} appears again after line {first} (RFC 8216 section 4.3.3 allows it once); this later one applies");
            return;
        }

        onceTagLines[tag] = line;
    }

    private void RequireBeforeFirstSegment(string tag, int line)
    {
        if (segments.Count > 0 || hasExtinf)
        {
            throw new PlaylistParseException($"{tag} must appear before the first segment", line);
        }
    }

    private static long Add(long a, long b, int line) =>
        a <= long.MaxValue - b ? a + b : throw new PlaylistParseException("sequence number overflows", line);

    private static bool SameResource(Uri a, Uri b) =>
        ReferenceEquals(a, b) || string.Equals(a.AbsoluteUri, b.AbsoluteUri, StringComparison.Ordinal);
}
