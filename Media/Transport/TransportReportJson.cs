using System.Text.Json;
using Glance.Media.Scte35;

namespace Glance.Media.Transport;

/// <summary>
/// Writes a <see cref="TransportSegmentReport"/> in the shape of the <c>inspect segment</c> JSON: the <c>transport</c>
/// object ({packets, errors{syncLoss ... pts}, ...}) and the <c>cues</c> array.
/// </summary>
public static class TransportReportJson
{
    /// <summary>Writes the value of <c>"transport"</c>; each error is {count, firstOffset, firstTime}.</summary>
    public static void WriteTransport(Utf8JsonWriter writer, TransportSegmentReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        writer.WriteStartObject();
        writer.WriteNumber("packets", report.Packets);
        writer.WriteStartObject("errors");
        foreach (var check in Enum.GetValues<TransportCheck>())
        {
            var result = report.Errors[check];
            writer.WriteStartObject(JsonName(check));
            writer.WriteNumber("count", result.Count);
            WriteNullable(writer, "firstOffset", result.FirstOffset);
            WriteNullable(writer, "firstTime", result.FirstTime);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteNumber("patSections", report.PatSections);
        writer.WriteNumber("pmtSections", report.PmtSections);
        writer.WriteNumber("unsyncedBytes", report.UnsyncedBytes);
        writer.WriteNumber("trailingBytes", report.TrailingBytes);
        WriteNullable(writer, "pcrPid", report.PcrPid);
        writer.WriteStartArray("pids");
        foreach (var pid in report.Pids)
        {
            writer.WriteStartObject();
            writer.WriteNumber("pid", pid.Pid);
            writer.WriteString("kind", JsonNamingPolicy.CamelCase.ConvertName(pid.Kind.ToString()));
            WriteNullable(writer, "streamType", pid.StreamType);
            writer.WriteNumber("packets", pid.Packets);
            WriteNullable(writer, "firstPts", pid.FirstPts);
            WriteNullable(writer, "lastPts", pid.LastPts);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes the value of <c>"cues"</c>. <paramref name="toStreamTime"/> maps a 33-bit PTS to seconds of stream time
    /// (for example with <see cref="SpliceTimeMapping.ToStreamTime"/>); without it no streamTime is written.
    /// </summary>
    public static void WriteCues(Utf8JsonWriter writer, IEnumerable<TransportCue> cues, Func<long, double>? toStreamTime = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(cues);
        writer.WriteStartArray();
        foreach (var cue in cues)
        {
            writer.WriteStartObject();
            writer.WriteString("source", "transport");
            writer.WriteNumber("pid", cue.Pid);
            writer.WriteNumber("byteOffset", cue.ByteOffset);
            WriteNullable(writer, "arrivalPts", cue.ArrivalPts);
            WriteNullable(writer, "pts", cue.EffectivePts);
            if (toStreamTime is not null && cue.EffectivePts is { } pts)
            {
                writer.WriteNumber("streamTime", Math.Round(toStreamTime(pts), 6));
            }

            if (cue.Section is not null)
            {
                writer.WritePropertyName("splice");
                SpliceInfoSectionJson.Write(writer, cue.Section);
            }

            if (cue.Error is not null)
            {
                writer.WriteString("error", cue.Error);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    public static string JsonName(TransportCheck check) => check switch
    {
        TransportCheck.SyncLoss => "syncLoss",
        TransportCheck.SyncByte => "syncByte",
        TransportCheck.Pat => "pat",
        TransportCheck.Continuity => "continuity",
        TransportCheck.Pmt => "pmt",
        TransportCheck.Pid => "pid",
        TransportCheck.Transport => "transport",
        TransportCheck.Crc => "crc",
        TransportCheck.PcrRepetition => "pcrRepetition",
        TransportCheck.PcrDiscontinuity => "pcrDiscontinuity",
        TransportCheck.Pts => "pts",
        _ => throw new ArgumentOutOfRangeException(nameof(check), check, "Unknown transport check."),
    };

    private static void WriteNullable(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, Math.Round(v, 6));
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
