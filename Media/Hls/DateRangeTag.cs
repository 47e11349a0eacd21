namespace Glance.Media.Hls;

/// <summary>Reads EXT-X-DATERANGE attributes and derives the SCTE-35 cues it carries.</summary>
internal static class DateRangeTag
{
    public static DateRange Parse(ReadOnlySpan<char> value, int line)
    {
        string? id = null, dateClass = null;
        DateTimeOffset? startDate = null, endDate = null;
        double? duration = null, plannedDuration = null;
        var endOnNext = false;
        ReadOnlyMemory<byte>? command = null, spliceOut = null, spliceIn = null;
        Dictionary<string, string>? client = null;
        var reader = new AttributeReader(value, line);
        while (reader.MoveNext(out var name, out var attribute, out var quoted))
        {
            switch (name)
            {
                case "ID":
                    id = attribute.ToString();
                    break;
                case "CLASS":
                    dateClass = attribute.ToString();
                    break;
                case "START-DATE":
                    startDate = HlsValues.DateTime(attribute, "START-DATE", line);
                    break;
                case "END-DATE":
                    endDate = HlsValues.DateTime(attribute, "END-DATE", line);
                    break;
                case "DURATION":
                    duration = HlsValues.Float(attribute, "DURATION", line);
                    break;
                case "PLANNED-DURATION":
                    plannedDuration = HlsValues.Float(attribute, "PLANNED-DURATION", line);
                    break;
                case "END-ON-NEXT":
                    endOnNext = HlsValues.YesNo(attribute, "END-ON-NEXT", line);
                    break;
                case "SCTE35-CMD":
                    command = Hex(attribute, "SCTE35-CMD", quoted, line);
                    break;
                case "SCTE35-OUT":
                    spliceOut = Hex(attribute, "SCTE35-OUT", quoted, line);
                    break;
                case "SCTE35-IN":
                    spliceIn = Hex(attribute, "SCTE35-IN", quoted, line);
                    break;
                default:
                    if (name.StartsWith("X-"))
                    {
                        client ??= new Dictionary<string, string>(StringComparer.Ordinal);
                        client[name.ToString()] = attribute.ToString();
                    }

                    break;
            }
        }

        return new DateRange
        {
            Id = id ?? throw new PlaylistParseException("EXT-X-DATERANGE has no ID", line),
            Class = dateClass,
            StartDate = startDate,
            EndDate = endDate,
            Duration = duration,
            PlannedDuration = plannedDuration,
            EndOnNext = endOnNext,
            Scte35Command = command,
            Scte35Out = spliceOut,
            Scte35In = spliceIn,
            ClientAttributes = client ?? (IReadOnlyDictionary<string, string>)EmptyClientAttributes,
        };
    }

    /// <summary>The cues a date range carries, each with the instant it takes effect (null when the range has no dates).</summary>
    public static IEnumerable<(Cue Cue, DateTimeOffset? At)> Cues(DateRange range)
    {
        if (range.Scte35Out is { } spliceOut)
        {
            yield return (new Cue
            {
                Kind = CueKind.Out,
                Source = CueSource.DateRange,
                Duration = range.Duration ?? range.PlannedDuration,
                Id = range.Id,
                Scte35 = spliceOut,
            }, range.StartDate);
        }

        if (range.Scte35Command is { } command)
        {
            yield return (new Cue { Kind = CueKind.Command, Source = CueSource.DateRange, Id = range.Id, Scte35 = command }, range.StartDate);
        }

        if (range.Scte35In is { } spliceIn)
        {
            var at = range.EndDate ?? (range.StartDate is { } startDate && range.Duration is { } duration
                ? (HlsValues.TryAddSeconds(startDate, duration, out var end) ? end : null)
                : range.StartDate);
            yield return (new Cue
            {
                Kind = CueKind.In,
                Source = CueSource.DateRange,
                Duration = range.Duration,
                Id = range.Id,
                Scte35 = spliceIn,
            }, at);
        }
    }

    private static readonly Dictionary<string, string> EmptyClientAttributes = new(0);

    private static ReadOnlyMemory<byte> Hex(ReadOnlySpan<char> attribute, string what, bool quoted, int line)
    {
        if (quoted || attribute.Length < 3 || attribute[0] != '0' || (attribute[1] | 0x20) != 'x')
        {
            throw new PlaylistParseException($"{what} must be a 0x hex sequence", line);
        }

        return Scte35Payload.DecodeHex(attribute[2..], what, line);
    }
}
