using System.Buffers;
using System.Text.Json;
using Glance.Media.Signals;

namespace Glance.Media.Analysis;

/// <summary>
/// Writes the frames and signals part of <c>Silo inspect segment</c>'s JSON:
/// <c>frames[] {index, pts, streamTime, wallClock?, width, height}</c> and
/// <c>signals {silence[], black[], freeze[] each {start, end}, loudness {...} | null, audioPresent, videoPresent, captions}</c>.
/// Times are stream seconds rounded to the microsecond; pts is the unwrapped 90 kHz timestamp.
/// </summary>
public static class SegmentAnalysisJson
{
    /// <summary>Writes the "frames" and "signals" properties into the object the writer is in (the caller adds transport, cues).</summary>
    public static void WriteProperties(Utf8JsonWriter writer, SegmentAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(analysis);
        writer.WriteStartArray("frames");
        foreach (var frame in analysis.Frames)
        {
            writer.WriteStartObject();
            writer.WriteNumber("index", frame.Index);
            writer.WriteNumber("pts", frame.Pts);
            writer.WriteNumber("streamTime", Time(frame.StreamTime));
            if (frame.WallClock is { } wallClock)
            {
                writer.WriteString("wallClock", wallClock);
            }

            writer.WriteNumber("width", frame.Image.Width);
            writer.WriteNumber("height", frame.Image.Height);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteSignals(writer, analysis.Signals);
    }

    /// <summary>A standalone JSON object with just the frames and signals.</summary>
    public static string ToJson(SegmentAnalysis analysis, bool indented = true)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            writer.WriteStartObject();
            WriteProperties(writer, analysis);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteSignals(Utf8JsonWriter writer, SignalReport signals)
    {
        writer.WriteStartObject("signals");
        WriteIntervals(writer, "silence", signals.Silence);
        WriteIntervals(writer, "black", signals.Black);
        WriteIntervals(writer, "freeze", signals.Freeze);
        if (signals.Loudness is { } loudness)
        {
            writer.WriteStartObject("loudness");
            WriteOptional(writer, "integrated", loudness.Integrated);
            WriteOptional(writer, "shortTermMax", loudness.ShortTermMax);
            WriteOptional(writer, "truePeak", loudness.TruePeak);
            writer.WriteString("standard", loudness.Standard == LoudnessStandard.AtscA85 ? "ATSC A/85" : "EBU R128");
            writer.WriteNumber("target", loudness.Target);
            writer.WriteNumber("tolerance", loudness.Tolerance);
            writer.WriteNumber("maxTruePeak", loudness.MaxTruePeak);
            writer.WriteBoolean("passed", loudness.Passed);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("loudness");
        }

        writer.WriteBoolean("audioPresent", signals.AudioPresent);
        writer.WriteBoolean("videoPresent", signals.VideoPresent);
        writer.WriteBoolean("captions", signals.Captions);
        writer.WriteEndObject();
    }

    private static void WriteIntervals(Utf8JsonWriter writer, string name, IReadOnlyList<SignalInterval> intervals)
    {
        writer.WriteStartArray(name);
        foreach (var interval in intervals)
        {
            writer.WriteStartObject();
            writer.WriteNumber("start", Time(interval.Start));
            writer.WriteNumber("end", Time(interval.End));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            writer.WriteNumber(name, Math.Round(v, 2));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static double Time(double seconds) => Math.Round(seconds, 6);
}
