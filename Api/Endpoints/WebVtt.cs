using Glance.Grains.Interfaces.Timeline;

namespace Glance.Api.Endpoints;

/// <summary>
/// Writes timeline frames as a WebVTT metadata track: one cue per analysed frame, lasting until the next frame (at
/// most 2 s), whose payload is the frame's sightings as JSON — what players load as a timed-metadata text track.
/// </summary>
/// <remarks>
/// Frames before the event start (ingestion begins 30 s early, so pre-roll has negative positions) are kept, not
/// dropped: WebVTT has no negative times, so their cues are clamped to begin at 00:00:00.000 and, when they would also
/// end before it, to last 1 ms there. A player starting at 0 thus still receives what was on screen just before.
/// </remarks>
internal static class WebVtt
{
    /// <summary>The shortest cue written: 1 ms, the resolution of a WebVTT timestamp.</summary>
    private const double MinimumCueSeconds = 0.001;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write(IReadOnlyList<TimelineEntry> entries)
    {
        var vtt = new StringBuilder("WEBVTT\n\n");
        for (var i = 0; i < entries.Count; i++)
        {
            var position = entries[i].Position;
            var next = i + 1 < entries.Count ? Math.Min(entries[i + 1].Position, position + 2) : position + 1;
            var start = Math.Max(0, position);
            var end = Math.Max(next, start + MinimumCueSeconds);

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
