namespace Glance.Media.Hls;

/// <summary>Collects the tags of a media playlist line by line and applies them to the segments they govern.</summary>
internal sealed class MediaPlaylistBuilder(UriResolver resolver, PlaylistParserLimits limits)
{
    private readonly List<MediaSegment> segments = [];
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
            throw new PlaylistParseException($"EXTINF follows the EXTINF on line {extinfLine} with no segment URI between", line);
        }

        var comma = value.IndexOf(',');
        var duration = (comma < 0 ? value : value[..comma]).Trim();
        extinfDuration = HlsValues.Float(duration, "EXTINF duration", line);
        var title = comma < 0 ? default : value[(comma + 1)..].Trim();
        extinfTitle = title.IsEmpty ? null : title.ToString();
        extinfLine = line;
        hasExtinf = true;
    }

    public void TargetDuration(ReadOnlySpan<char> value, int line)
    {
        // RFC 8216 asks for a decimal integer; a decimal number is rounded up rather than refused, as players do.
        var seconds = HlsValues.Float(value, "EXT-X-TARGETDURATION", line);
        if (seconds > int.MaxValue)
        {
            throw new PlaylistParseException("EXT-X-TARGETDURATION is too large", line);
        }

        targetDuration = (int)Math.Ceiling(seconds);
    }

    public void MediaSequence(ReadOnlySpan<char> value, int line)
    {
        RequireBeforeFirstSegment("EXT-X-MEDIA-SEQUENCE", line);
        mediaSequence = HlsValues.Integer(value, "EXT-X-MEDIA-SEQUENCE", line);
    }

    public void DiscontinuitySequence(ReadOnlySpan<char> value, int line)
    {
        RequireBeforeFirstSegment("EXT-X-DISCONTINUITY-SEQUENCE", line);
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

    public void PlaylistType(ReadOnlySpan<char> value, int line) => playlistType = value switch
    {
        "EVENT" => Hls.PlaylistType.Event,
        "VOD" => Hls.PlaylistType.Vod,
        _ => throw new PlaylistParseException($"EXT-X-PLAYLIST-TYPE must be EVENT or VOD, not '{AttributeReader.Shorten(value)}'", line),
    };

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
            throw new PlaylistParseException("segment URI without a preceding EXTINF", line);
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
                if (offset > long.MaxValue - byteRangeLength)
                {
                    throw new PlaylistParseException("byte range runs past the largest possible offset", byteRangeLine);
                }
            }
            else
            {
                throw new PlaylistParseException(
                    "EXT-X-BYTERANGE without an offset must follow a sub-range of the same resource", byteRangeLine);
            }

            range = new ByteRange(byteRangeLength, offset);
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
            throw new PlaylistParseException("EXTINF is not followed by a segment URI", extinfLine);
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
            TargetDuration = targetDuration ?? throw new PlaylistParseException("media playlist has no EXT-X-TARGETDURATION", lastLine),
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
