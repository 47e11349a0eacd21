namespace Glance.Media.Hls;

/// <summary>Collects the variants and renditions of a master playlist line by line.</summary>
internal sealed class MasterPlaylistBuilder(UriResolver resolver, PlaylistParserLimits limits, PlaylistWarningLog warnings)
{
    private readonly List<Variant> variants = [];
    private readonly List<Variant> iFrameVariants = [];
    private readonly List<Rendition> renditions = [];
    private Variant? pending;
    private int pendingLine;

    public void StreamInf(ReadOnlySpan<char> value, int line)
    {
        if (pending is not null)
        {
            throw new PlaylistParseException($"EXT-X-STREAM-INF on line {pendingLine} is not followed by a URI", line);
        }

        pending = ReadVariant(value, line, iFramesOnly: false);
        pendingLine = line;
    }

    public void IFrameStreamInf(ReadOnlySpan<char> value, int line)
    {
        Cap(iFrameVariants.Count, "EXT-X-I-FRAME-STREAM-INF", line);
        iFrameVariants.Add(ReadVariant(value, line, iFramesOnly: true));
    }

    public void UriLine(ReadOnlySpan<char> reference, int line)
    {
        if (pending is null)
        {
            // hls.js pairs each EXT-X-STREAM-INF with the URI after it and never looks at a URI on its own.
            warnings.Add(PlaylistWarningCodes.UriWithoutStreamInf, line,
                $"URI '{AttributeReader.Shorten(reference)}' in a master playlist does not follow an EXT-X-STREAM-INF (RFC 8216 section 4.3.4.2); it is ignored");
            return;
        }

        Cap(variants.Count, "EXT-X-STREAM-INF", line);
        variants.Add(pending with { Uri = resolver.Resolve(reference, line) });
        pending = null;
    }

    public void Media(ReadOnlySpan<char> value, int line)
    {
        Cap(renditions.Count, "EXT-X-MEDIA", line);
        RenditionType? type = null;
        string? groupId = null, name = null, language = null, associatedLanguage = null, instreamId = null, characteristics = null, channels = null;
        Uri? uri = null;
        bool isDefault = false, autoselect = false, forced = false;
        var reader = new AttributeReader(value, line);
        while (reader.MoveNext(out var attributeName, out var attribute, out _))
        {
            switch (attributeName)
            {
                case "TYPE":
                    type = attribute switch
                    {
                        "AUDIO" => RenditionType.Audio,
                        "VIDEO" => RenditionType.Video,
                        "SUBTITLES" => RenditionType.Subtitles,
                        "CLOSED-CAPTIONS" => RenditionType.ClosedCaptions,
                        _ => throw new PlaylistParseException($"EXT-X-MEDIA TYPE '{AttributeReader.Shorten(attribute)}' is unknown", line),
                    };
                    break;
                case "GROUP-ID":
                    groupId = attribute.ToString();
                    break;
                case "NAME":
                    name = attribute.ToString();
                    break;
                case "LANGUAGE":
                    language = attribute.ToString();
                    break;
                case "ASSOC-LANGUAGE":
                    associatedLanguage = attribute.ToString();
                    break;
                case "URI":
                    uri = resolver.Resolve(attribute, line);
                    break;
                case "DEFAULT":
                    isDefault = HlsValues.YesNo(attribute, "DEFAULT", line);
                    break;
                case "AUTOSELECT":
                    autoselect = HlsValues.YesNo(attribute, "AUTOSELECT", line);
                    break;
                case "FORCED":
                    forced = HlsValues.YesNo(attribute, "FORCED", line);
                    break;
                case "INSTREAM-ID":
                    instreamId = attribute.ToString();
                    break;
                case "CHARACTERISTICS":
                    characteristics = attribute.ToString();
                    break;
                case "CHANNELS":
                    channels = attribute.ToString();
                    break;
            }
        }

        renditions.Add(new Rendition
        {
            Type = type ?? throw new PlaylistParseException("EXT-X-MEDIA has no TYPE", line),
            GroupId = groupId ?? throw new PlaylistParseException("EXT-X-MEDIA has no GROUP-ID", line),
            Name = name ?? throw new PlaylistParseException("EXT-X-MEDIA has no NAME", line),
            Language = language,
            AssociatedLanguage = associatedLanguage,
            Uri = uri,
            Default = isDefault,
            Autoselect = autoselect,
            Forced = forced,
            InstreamId = instreamId,
            Characteristics = characteristics,
            Channels = channels,
        });
    }

    public MasterPlaylist Build(int? version, bool independentSegments, PlaylistStart? start)
    {
        if (pending is not null)
        {
            warnings.Add(PlaylistWarningCodes.StreamInfWithoutUri, pendingLine,
                "EXT-X-STREAM-INF is not followed by a URI (RFC 8216 section 4.3.4.2); the variant is dropped");
        }

        return new MasterPlaylist
        {
            BaseUri = resolver.BaseUri,
            Version = version,
            IndependentSegments = independentSegments,
            Start = start,
            Variants = variants.ToArray(),
            IFrameVariants = iFrameVariants.ToArray(),
            Renditions = renditions.ToArray(),
        };
    }

    /// <param name="iFramesOnly">EXT-X-I-FRAME-STREAM-INF carries its URI as an attribute and must have one.</param>
    private Variant ReadVariant(ReadOnlySpan<char> value, int line, bool iFramesOnly)
    {
        long? bandwidth = null, averageBandwidth = null;
        Resolution? resolution = null;
        double? frameRate = null;
        string? codecs = null, hdcp = null, audio = null, video = null, subtitles = null, closedCaptions = null;
        Uri? uri = null;
        var reader = new AttributeReader(value, line);
        while (reader.MoveNext(out var name, out var attribute, out _))
        {
            switch (name)
            {
                case "BANDWIDTH":
                    bandwidth = HlsValues.Integer(attribute, "BANDWIDTH", line);
                    break;
                case "AVERAGE-BANDWIDTH":
                    averageBandwidth = HlsValues.Integer(attribute, "AVERAGE-BANDWIDTH", line);
                    break;
                case "RESOLUTION":
                    resolution = HlsValues.Resolution(attribute, line);
                    break;
                case "FRAME-RATE":
                    frameRate = HlsValues.Float(attribute, "FRAME-RATE", line);
                    break;
                case "CODECS":
                    codecs = attribute.ToString();
                    break;
                case "HDCP-LEVEL":
                    hdcp = attribute.ToString();
                    break;
                case "AUDIO":
                    audio = attribute.ToString();
                    break;
                case "VIDEO":
                    video = attribute.ToString();
                    break;
                case "SUBTITLES":
                    subtitles = attribute.ToString();
                    break;
                case "CLOSED-CAPTIONS":
                    closedCaptions = attribute.ToString();
                    break;
                case "URI" when iFramesOnly:
                    uri = resolver.Resolve(attribute, line);
                    break;
            }
        }

        var tag = iFramesOnly ? "EXT-X-I-FRAME-STREAM-INF" : "EXT-X-STREAM-INF";
        if (bandwidth is null)
        {
            warnings.Add(PlaylistWarningCodes.StreamInfMissingBandwidth, line,
                $"{tag} has no BANDWIDTH (RFC 8216 section 4.3.4.2 requires it); read as 0 (unknown)");
        }

        return new Variant
        {
            // A stream-inf's URI is on the next line; the base stands in until UriLine fills it.
            Uri = iFramesOnly ? uri ?? throw new PlaylistParseException($"{tag} has no URI", line) : resolver.BaseUri,
            Bandwidth = bandwidth ?? 0,
            AverageBandwidth = averageBandwidth,
            Resolution = resolution,
            Codecs = codecs,
            FrameRate = frameRate,
            HdcpLevel = hdcp,
            Audio = audio,
            Video = video,
            Subtitles = subtitles,
            ClosedCaptions = closedCaptions,
            IFramesOnly = iFramesOnly,
        };
    }

    private void Cap(int count, string tag, int line)
    {
        if (count >= limits.MaxVariants)
        {
            throw new PlaylistParseException($"playlist has more than {limits.MaxVariants} {tag} tags", line);
        }
    }
}
