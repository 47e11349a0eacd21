using System.Globalization;
using System.Text.Json;
using FFMpegCore;

namespace Glance.Media.Probing;

/// <summary>
/// Reads ffprobe's JSON (<c>-print_format json -show_format -show_streams</c>) into a <see cref="MediaProbe"/> through
/// FFMpegCore's own model, so the field names, rate fractions and duration formats of ffprobe are FFMpegCore's to track.
/// Pure: no process, no I/O.
/// </summary>
public static class MediaProbeReader
{
    /// <exception cref="MediaProbeException">The text is not ffprobe's JSON for a readable input.</exception>
    public static MediaProbe Read(string json)
    {
        IMediaAnalysis analysis;
        try
        {
            analysis = FFProbe.FromJson(json);
        }
        catch (Exception e) when (e is JsonException or FFMpegCore.Exceptions.FFMpegException or FormatException or ArgumentException or OverflowException or NullReferenceException)
        {
            throw new MediaProbeException($"ffprobe's answer could not be read: {e.Message}", e);
        }

        if (analysis.Raw?.Format is null || analysis.Raw.Streams is null)
        {
            throw new MediaProbeException("ffprobe's answer has no format or stream list.");
        }

        var format = analysis.Format;
        var video = analysis.VideoStreams.ToDictionary(s => s.Index);
        var audio = analysis.AudioStreams.ToDictionary(s => s.Index);
        var streams = analysis.Raw.Streams
            .OrderBy(s => s.Index)
            .Select(raw => Stream(raw, video.GetValueOrDefault(raw.Index), audio.GetValueOrDefault(raw.Index)))
            .ToList();
        return new MediaProbe(
            format.FormatName ?? string.Empty,
            format.FormatLongName ?? string.Empty,
            format.Duration > TimeSpan.Zero ? format.Duration : null,
            format.StartTime,
            format.BitRate is > 0 ? format.BitRate : null,
            streams);
    }

    private static ProbedStream Stream(FFProbeStream raw, VideoStream? video, AudioStream? audio)
    {
        var stream = new ProbedStream(raw.Index, raw.CodecType ?? "unknown", raw.CodecName ?? "unknown", ContainerId(raw))
        {
            Profile = string.IsNullOrEmpty(raw.Profile) ? null : raw.Profile,
            BitRate = long.TryParse(raw.BitRate, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bitRate) && bitRate > 0 ? bitRate : null,
            Language = raw.Tags?.GetValueOrDefault("language"),
        };
        if (video is not null)
        {
            stream = stream with
            {
                Width = video.Width,
                Height = video.Height,
                FramesPerSecond = Rate(video.AverageFrameRate) ?? Rate(video.RealFrameRate),
                PixelFormat = video.PixelFormat,
            };
        }

        if (audio is not null)
        {
            stream = stream with
            {
                Channels = audio.Channels,
                ChannelLayout = string.IsNullOrEmpty(audio.ChannelLayout) ? null : audio.ChannelLayout,
                SampleRateHz = audio.SampleRateHz,
            };
        }

        return stream;
    }

    /// <summary>ffprobe prints "0/0" for a rate it does not know; FFMpegCore turns that into NaN or 0.</summary>
    private static double? Rate(double value) => double.IsFinite(value) && value > 0 ? Math.Round(value, 3) : null;

    /// <summary>The container's stream id (a transport stream's PID) is not in FFMpegCore's model, only in its overflow.</summary>
    private static string? ContainerId(FFProbeStream raw) =>
        raw.ExtensionData is not null && raw.ExtensionData.TryGetValue("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
}
