using System.Globalization;

namespace Glance.Tests.Infrastructure;

/// <summary>A finished HLS made by ffmpeg: test pattern and a tone, 2 s MPEG-TS segments with program date-time.</summary>
public static class FfmpegVod
{
    public const string Playlist = "vod.m3u8";

    /// <returns>The first segment's PROGRAM-DATE-TIME.</returns>
    public static async Task<DateTimeOffset> WriteAsync(string folder, int seconds)
    {
        await Glance.Tests.Transport.FfmpegTool.FfmpegAsync(folder, "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25", "-f", "lavfi", "-i", "sine",
            "-t", seconds.ToString(CultureInfo.InvariantCulture), "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-sc_threshold", "0", "-c:a", "aac",
            "-f", "hls", "-hls_time", "2", "-hls_list_size", "0", "-hls_playlist_type", "vod", "-hls_flags", "program_date_time", Playlist);
        const string tag = "#EXT-X-PROGRAM-DATE-TIME:";
        return DateTimeOffset.Parse(
            File.ReadLines(Path.Combine(folder, Playlist)).First(l => l.StartsWith(tag, StringComparison.Ordinal))[tag.Length..],
            CultureInfo.InvariantCulture);
    }
}
