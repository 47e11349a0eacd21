using System.Globalization;
using System.Text;
using System.Text.Json;
using Glance.Grains.Interfaces.Timeline;

namespace Glance.Api.Endpoints;

/// <summary>
/// Writes timeline frames as a WebVTT metadata track: one cue per analysed frame, lasting until the next frame (at
/// most 2 s), whose payload is the frame's sightings as JSON — what players load as a timed-metadata text track.
/// </summary>
internal static class WebVtt
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write(IReadOnlyList<TimelineEntry> entries)
    {
        var vtt = new StringBuilder("WEBVTT\n\n");
        for (var i = 0; i < entries.Count; i++)
        {
            var start = Math.Max(0, entries[i].Position);
            var end = i + 1 < entries.Count ? Math.Min(entries[i + 1].Position, start + 2) : start + 1;
            if (end <= start)
            {
                end = start + 0.001;
            }

            vtt.Append(Time(start)).Append(" --> ").Append(Time(end)).Append('\n');

            // A payload line must not contain "-->" nor be empty; JSON escapes neither, so "--" never meets ">" here.
            vtt.Append(JsonSerializer.Serialize(entries[i].Sightings, Json).Replace("-->", "--\\u003e", StringComparison.Ordinal)).Append("\n\n");
        }

        return vtt.ToString();
    }

    private static string Time(double seconds)
    {
        var time = TimeSpan.FromSeconds(seconds);
        return string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours:00}:{time.Minutes:00}:{time.Seconds:00}.{time.Milliseconds:000}");
    }
}
