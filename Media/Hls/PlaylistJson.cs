using System.Text.Encodings.Web;
using System.Text.Json;

namespace Glance.Media.Hls;

/// <summary>
/// Writes a parsed playlist as the JSON of <c>Silo inspect playlist</c>: camelCase names, numbers as numbers, date-times
/// as ISO 8601 with their offset, byte payloads as base64, absent values left out (never invented). Written by hand on
/// <see cref="Utf8JsonWriter"/>: no reflection, and the shape is this file.
/// </summary>
public static class PlaylistJson
{
    private static readonly JsonWriterOptions IndentedRelaxed = new()
    {
        Indented = true,
        // URIs are full of '&' and '+'; the default encoder escapes them, which is safe for HTML but hard to read here.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(Playlist playlist)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, IndentedRelaxed))
        {
            Write(playlist, writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static void Write(Playlist playlist, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(playlist);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("kind", playlist is MasterPlaylist ? "master" : "media");
        writer.WriteString("uri", playlist.BaseUri.AbsoluteUri);
        WriteNumber(writer, "version", playlist.Version);
        writer.WriteBoolean("independentSegments", playlist.IndependentSegments);
        if (playlist.Start is { } start)
        {
            writer.WriteStartObject("start");
            writer.WriteNumber("timeOffset", start.TimeOffset);
            writer.WriteBoolean("precise", start.Precise);
            writer.WriteEndObject();
        }

        WriteWarnings(writer, playlist);
        switch (playlist)
        {
            case MediaPlaylist media:
                WriteMedia(writer, media);
                break;
            case MasterPlaylist master:
                WriteMaster(writer, master);
                break;
        }

        writer.WriteEndObject();
        writer.Flush();
    }

    /// <summary>Near the top, where a reader of a long playlist sees them; left out for a conforming playlist.</summary>
    private static void WriteWarnings(Utf8JsonWriter writer, Playlist playlist)
    {
        if (playlist.Warnings.Count == 0 && playlist.OmittedWarnings == 0)
        {
            return;
        }

        writer.WriteStartArray("warnings");
        foreach (var warning in playlist.Warnings)
        {
            writer.WriteStartObject();
            writer.WriteString("code", warning.Code);
            writer.WriteNumber("line", warning.Line);
            writer.WriteString("message", warning.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (playlist.OmittedWarnings > 0)
        {
            writer.WriteNumber("omittedWarnings", playlist.OmittedWarnings);
        }
    }

    private static void WriteMedia(Utf8JsonWriter writer, MediaPlaylist media)
    {
        writer.WriteNumber("targetDuration", media.TargetDuration);
        writer.WriteNumber("mediaSequence", media.MediaSequence);
        writer.WriteNumber("discontinuitySequence", media.DiscontinuitySequence);
        writer.WriteBoolean("endList", media.EndList);
        if (media.PlaylistType is { } type)
        {
            writer.WriteString("playlistType", type == PlaylistType.Vod ? "VOD" : "EVENT");
        }

        if (media.IFramesOnly)
        {
            writer.WriteBoolean("iFramesOnly", true);
        }

        if (media.ServerControl is { } control)
        {
            writer.WriteStartObject("serverControl");
            WriteNumber(writer, "canSkipUntil", control.CanSkipUntil);
            writer.WriteBoolean("canSkipDateRanges", control.CanSkipDateRanges);
            WriteNumber(writer, "holdBack", control.HoldBack);
            WriteNumber(writer, "partHoldBack", control.PartHoldBack);
            writer.WriteBoolean("canBlockReload", control.CanBlockReload);
            writer.WriteEndObject();
        }

        WriteNumber(writer, "partTargetDuration", media.PartTargetDuration);
        if (media.SkippedSegments > 0)
        {
            writer.WriteNumber("skippedSegments", media.SkippedSegments);
        }

        var total = media.TotalDuration;
        if (double.IsFinite(total))
        {
            writer.WriteNumber("totalDuration", total);
        }

        WriteArray(writer, "segments", media.Segments, WriteSegment);
        WriteArray(writer, "dateRanges", media.DateRanges, WriteDateRange);
    }

    private static void WriteSegment(Utf8JsonWriter writer, MediaSegment segment)
    {
        writer.WriteStartObject();
        writer.WriteNumber("mediaSequence", segment.MediaSequence);
        writer.WriteNumber("discontinuitySequence", segment.DiscontinuitySequence);
        writer.WriteString("uri", segment.Uri.AbsoluteUri);
        writer.WriteNumber("duration", segment.Duration);
        WriteString(writer, "title", segment.Title);
        if (segment.ProgramDateTime is { } time)
        {
            writer.WriteString("programDateTime", time);
        }

        writer.WriteBoolean("discontinuity", segment.Discontinuity);
        WriteByteRange(writer, "byteRange", segment.ByteRange);
        if (segment.Key is { } key)
        {
            writer.WriteStartObject("key");
            writer.WriteString("method", key.Method);
            WriteString(writer, "uri", key.Uri?.AbsoluteUri);
            WriteString(writer, "iv", key.Iv);
            WriteString(writer, "keyFormat", key.KeyFormat);
            WriteString(writer, "keyFormatVersions", key.KeyFormatVersions);
            writer.WriteEndObject();
        }

        if (segment.Map is { } map)
        {
            writer.WriteStartObject("map");
            writer.WriteString("uri", map.Uri.AbsoluteUri);
            WriteByteRange(writer, "byteRange", map.ByteRange);
            writer.WriteEndObject();
        }

        writer.WriteBoolean("gap", segment.Gap);
        writer.WriteStartArray("cues");
        foreach (var cue in segment.Cues)
        {
            writer.WriteStartObject();
            writer.WriteString("kind", cue.Kind switch
            {
                CueKind.Out => "out",
                CueKind.Continue => "continue",
                CueKind.In => "in",
                _ => "command",
            });
            writer.WriteString("tag", cue.Source switch
            {
                CueSource.CueOut => "EXT-X-CUE-OUT",
                CueSource.CueOutCont => "EXT-X-CUE-OUT-CONT",
                CueSource.CueIn => "EXT-X-CUE-IN",
                CueSource.Oatcls => "EXT-OATCLS-SCTE35",
                CueSource.DateRange => "EXT-X-DATERANGE",
                _ => "EXT-X-SCTE35",
            });
            WriteNumber(writer, "duration", cue.Duration);
            WriteNumber(writer, "elapsed", cue.Elapsed);
            WriteString(writer, "id", cue.Id);
            WriteBytes(writer, "scte35", cue.Scte35);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteDateRange(Utf8JsonWriter writer, DateRange range)
    {
        writer.WriteStartObject();
        writer.WriteString("id", range.Id);
        WriteString(writer, "class", range.Class);
        if (range.StartDate is { } startDate)
        {
            writer.WriteString("startDate", startDate);
        }

        if (range.EndDate is { } endDate)
        {
            writer.WriteString("endDate", endDate);
        }

        WriteNumber(writer, "duration", range.Duration);
        WriteNumber(writer, "plannedDuration", range.PlannedDuration);
        if (range.EndOnNext)
        {
            writer.WriteBoolean("endOnNext", true);
        }

        WriteBytes(writer, "scte35Cmd", range.Scte35Command);
        WriteBytes(writer, "scte35Out", range.Scte35Out);
        WriteBytes(writer, "scte35In", range.Scte35In);
        if (range.ClientAttributes.Count > 0)
        {
            writer.WriteStartObject("clientAttributes");
            foreach (var (name, value) in range.ClientAttributes.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteMaster(Utf8JsonWriter writer, MasterPlaylist master)
    {
        WriteArray(writer, "variants", master.Variants, WriteVariant);
        WriteArray(writer, "iFrameVariants", master.IFrameVariants, WriteVariant);
        writer.WriteStartArray("renditions");
        foreach (var rendition in master.Renditions)
        {
            writer.WriteStartObject();
            writer.WriteString("type", rendition.Type switch
            {
                RenditionType.Audio => "AUDIO",
                RenditionType.Video => "VIDEO",
                RenditionType.Subtitles => "SUBTITLES",
                _ => "CLOSED-CAPTIONS",
            });
            writer.WriteString("groupId", rendition.GroupId);
            writer.WriteString("name", rendition.Name);
            WriteString(writer, "language", rendition.Language);
            WriteString(writer, "assocLanguage", rendition.AssociatedLanguage);
            WriteString(writer, "uri", rendition.Uri?.AbsoluteUri);
            writer.WriteBoolean("default", rendition.Default);
            writer.WriteBoolean("autoselect", rendition.Autoselect);
            writer.WriteBoolean("forced", rendition.Forced);
            WriteString(writer, "instreamId", rendition.InstreamId);
            WriteString(writer, "characteristics", rendition.Characteristics);
            WriteString(writer, "channels", rendition.Channels);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteVariant(Utf8JsonWriter writer, Variant variant)
    {
        writer.WriteStartObject();
        writer.WriteString("uri", variant.Uri.AbsoluteUri);
        writer.WriteNumber("bandwidth", variant.Bandwidth);
        WriteNumber(writer, "averageBandwidth", variant.AverageBandwidth);
        if (variant.Resolution is { } resolution)
        {
            writer.WriteStartObject("resolution");
            writer.WriteNumber("width", resolution.Width);
            writer.WriteNumber("height", resolution.Height);
            writer.WriteEndObject();
        }

        WriteString(writer, "codecs", variant.Codecs);
        WriteNumber(writer, "frameRate", variant.FrameRate);
        WriteString(writer, "audio", variant.Audio);
        WriteString(writer, "video", variant.Video);
        WriteString(writer, "subtitles", variant.Subtitles);
        WriteString(writer, "closedCaptions", variant.ClosedCaptions);
        WriteString(writer, "hdcpLevel", variant.HdcpLevel);
        writer.WriteEndObject();
    }

    private static void WriteByteRange(Utf8JsonWriter writer, string name, ByteRange? range)
    {
        if (range is { } value)
        {
            writer.WriteStartObject(name);
            writer.WriteNumber("length", value.Length);
            writer.WriteNumber("offset", value.Offset);
            writer.WriteEndObject();
        }
    }

    private static void WriteString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    private static void WriteBytes(Utf8JsonWriter writer, string name, ReadOnlyMemory<byte>? value)
    {
        if (value is { } bytes)
        {
            writer.WriteBase64String(name, bytes.Span);
        }
    }

    private static void WriteArray<T>(Utf8JsonWriter writer, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> write)
    {
        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            write(writer, item);
        }

        writer.WriteEndArray();
    }
}
