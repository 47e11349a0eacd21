using System.Diagnostics;

namespace Glance.Tests.Infrastructure;

/// <summary>
/// A live HLS stream made by ffmpeg in real time into a temporary folder: short segments, a sliding window, old
/// segments deleted, program date-time on. Stopped (killed) on dispose.
/// </summary>
public sealed class LiveHlsSource : IAsyncDisposable
{
    private readonly Process process;

    private LiveHlsSource(TemporaryDirectory folder, Process process)
    {
        Folder = folder;
        this.process = process;
    }

    public TemporaryDirectory Folder { get; }

    public string PlaylistName => "live.m3u8";

    public string PlaylistPath => Path.Combine(Folder.Path, PlaylistName);

    /// <summary>Starts ffmpeg and waits (bounded) until the playlist lists at least <paramref name="minimumSegments"/> segments.</summary>
    public static async Task<LiveHlsSource> StartAsync(double segmentSeconds = 1, int listSize = 5, int minimumSegments = 1, int startNumber = 0)
    {
        var folder = new TemporaryDirectory();
        var gop = (int)Math.Round(25 * segmentSeconds);
        var start = new ProcessStartInfo("ffmpeg")
        {
            WorkingDirectory = folder.Path,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "-hide_banner", "-loglevel", "error", "-re",
            "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
            "-c:v", "libx264", "-preset", "ultrafast", "-g", gop.ToString(System.Globalization.CultureInfo.InvariantCulture), "-keyint_min", gop.ToString(System.Globalization.CultureInfo.InvariantCulture), "-sc_threshold", "0",
            "-c:a", "aac", "-b:a", "64k",
            "-f", "hls", "-hls_time", segmentSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "-hls_list_size", listSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-start_number", startNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-hls_flags", "delete_segments+program_date_time+independent_segments",
            "live.m3u8",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start.");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var source = new LiveHlsSource(folder, process);
        await Eventually.TrueAsync(() => source.ListedSegments() >= minimumSegments, $"ffmpeg lists {minimumSegments} segment(s)", TimeSpan.FromSeconds(60));
        return source;
    }

    public int ListedSegments()
    {
        try
        {
            return File.Exists(PlaylistPath) ? File.ReadAllLines(PlaylistPath).Count(l => l.StartsWith("#EXTINF", StringComparison.Ordinal)) : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>The highest media sequence number the playlist lists now.</summary>
    public long LastListedSequence()
    {
        var lines = File.ReadAllLines(PlaylistPath);
        var first = long.Parse(lines.First(l => l.StartsWith("#EXT-X-MEDIA-SEQUENCE:", StringComparison.Ordinal)).Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
        return first + lines.Count(l => l.StartsWith("#EXTINF", StringComparison.Ordinal)) - 1;
    }

    /// <summary>Stops the encoder and leaves the last playlist and segments in place: the stream stalls.</summary>
    public async Task StopEncoderAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopEncoderAsync();
        process.Dispose();
        Folder.Dispose();
    }
}
