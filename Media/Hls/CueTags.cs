using System.Diagnostics;

namespace Glance.Media.Hls;

/// <summary>
/// Reads the vendor SCTE-35 cue tags. None of them is in RFC 8216 and each vendor writes them a little differently,
/// so attribute names are matched without regard to case and a bare duration is accepted where one is common.
/// </summary>
internal static class CueTags
{
    public static Cue Parse(ReadOnlySpan<char> tag, ReadOnlySpan<char> value, int line) => tag switch
    {
        "EXT-X-CUE-OUT" => CueOut(value, line),
        "EXT-X-CUE-OUT-CONT" => CueOutCont(value, line),
        "EXT-X-CUE-IN" => new Cue { Kind = CueKind.In, Source = CueSource.CueIn },
        "EXT-OATCLS-SCTE35" => new Cue
        {
            Kind = CueKind.Command,
            Source = CueSource.Oatcls,
            Scte35 = Scte35Payload.Decode(value, "EXT-OATCLS-SCTE35 payload", line),
        },
        "EXT-X-SCTE35" => Scte35(value, line),
        _ => throw new UnreachableException($"{tag} is not a cue tag"),
    };

    /// <summary>#EXT-X-CUE-OUT, #EXT-X-CUE-OUT:30, #EXT-X-CUE-OUT:DURATION=30[,...].</summary>
    private static Cue CueOut(ReadOnlySpan<char> value, int line)
    {
        var cue = new Cue { Kind = CueKind.Out, Source = CueSource.CueOut };
        if (value.IsEmpty)
        {
            return cue;
        }

        if (!value.Contains('='))
        {
            return cue with { Duration = HlsValues.Float(value, "EXT-X-CUE-OUT duration", line) };
        }

        var reader = new AttributeReader(value, line, lenient: true);
        while (reader.MoveNext(out var name, out var attribute, out _))
        {
            if (name.Equals("DURATION", StringComparison.OrdinalIgnoreCase))
            {
                cue = cue with { Duration = HlsValues.Float(attribute, "EXT-X-CUE-OUT DURATION", line) };
            }
            else if (IsPayloadName(name) && !attribute.IsEmpty)
            {
                cue = cue with { Scte35 = Scte35Payload.Decode(attribute, "EXT-X-CUE-OUT SCTE35", line) };
            }
        }

        return cue;
    }

    /// <summary>#EXT-X-CUE-OUT-CONT:ElapsedTime=5,Duration=30,SCTE35=... or #EXT-X-CUE-OUT-CONT:5/30.</summary>
    private static Cue CueOutCont(ReadOnlySpan<char> value, int line)
    {
        var cue = new Cue { Kind = CueKind.Continue, Source = CueSource.CueOutCont };
        if (value.IsEmpty)
        {
            return cue;
        }

        if (!value.Contains('='))
        {
            var slash = value.IndexOf('/');
            var elapsed = HlsValues.Float((slash < 0 ? value : value[..slash]).Trim(), "EXT-X-CUE-OUT-CONT elapsed time", line);
            double? duration = slash < 0 ? null : HlsValues.Float(value[(slash + 1)..].Trim(), "EXT-X-CUE-OUT-CONT duration", line);
            return cue with { Elapsed = elapsed, Duration = duration };
        }

        var reader = new AttributeReader(value, line, lenient: true);
        while (reader.MoveNext(out var name, out var attribute, out _))
        {
            if (name.Equals("ELAPSEDTIME", StringComparison.OrdinalIgnoreCase) || name.Equals("ELAPSED", StringComparison.OrdinalIgnoreCase))
            {
                cue = cue with { Elapsed = HlsValues.Float(attribute, "EXT-X-CUE-OUT-CONT ElapsedTime", line) };
            }
            else if (name.Equals("DURATION", StringComparison.OrdinalIgnoreCase))
            {
                cue = cue with { Duration = HlsValues.Float(attribute, "EXT-X-CUE-OUT-CONT Duration", line) };
            }
            else if (IsPayloadName(name) && !attribute.IsEmpty)
            {
                cue = cue with { Scte35 = Scte35Payload.Decode(attribute, "EXT-X-CUE-OUT-CONT SCTE35", line) };
            }
        }

        return cue;
    }

    /// <summary>#EXT-X-SCTE35:CUE="...",ID="...",DURATION=30,ELAPSED=5,CUE-OUT=YES|NO|CONT,CUE-IN=YES.</summary>
    private static Cue Scte35(ReadOnlySpan<char> value, int line)
    {
        var kind = CueKind.Command;
        double? duration = null, elapsed = null;
        string? id = null;
        ReadOnlyMemory<byte>? payload = null;
        var reader = new AttributeReader(value, line, lenient: true);
        while (reader.MoveNext(out var name, out var attribute, out _))
        {
            if (name.Equals("CUE", StringComparison.OrdinalIgnoreCase))
            {
                payload = Scte35Payload.Decode(attribute, "EXT-X-SCTE35 CUE", line);
            }
            else if (name.Equals("ID", StringComparison.OrdinalIgnoreCase))
            {
                id = attribute.ToString();
            }
            else if (name.Equals("DURATION", StringComparison.OrdinalIgnoreCase))
            {
                duration = HlsValues.Float(attribute, "EXT-X-SCTE35 DURATION", line);
            }
            else if (name.Equals("ELAPSED", StringComparison.OrdinalIgnoreCase))
            {
                elapsed = HlsValues.Float(attribute, "EXT-X-SCTE35 ELAPSED", line);
            }
            else if (name.Equals("CUE-OUT", StringComparison.OrdinalIgnoreCase))
            {
                if (attribute.Equals("YES", StringComparison.OrdinalIgnoreCase))
                {
                    kind = CueKind.Out;
                }
                else if (attribute.Equals("CONT", StringComparison.OrdinalIgnoreCase))
                {
                    kind = CueKind.Continue;
                }
            }
            else if (name.Equals("CUE-IN", StringComparison.OrdinalIgnoreCase) && attribute.Equals("YES", StringComparison.OrdinalIgnoreCase))
            {
                kind = CueKind.In;
            }
        }

        return new Cue { Kind = kind, Source = CueSource.Scte35, Duration = duration, Elapsed = elapsed, Id = id, Scte35 = payload };
    }

    private static bool IsPayloadName(ReadOnlySpan<char> name) =>
        name.Equals("SCTE35", StringComparison.OrdinalIgnoreCase) || name.Equals("CUE", StringComparison.OrdinalIgnoreCase);
}
