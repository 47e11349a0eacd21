using System.Diagnostics;

namespace Glance.Tests.Hls;

/// <summary>
/// Runs ffmpeg's HLS muxer once per test class into a temp folder: an MPEG-TS playlist, an fMP4 playlist, a single-file
/// byte-range playlist and a two-variant master playlist. The folder is deleted afterwards.
/// </summary>
public sealed class FfmpegHlsFixture : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "glance-hls-" + Guid.NewGuid().ToString("N"));

    public string TsPlaylist => Path.Combine(Directory, "ts", "index.m3u8");

    public string Fmp4Playlist => Path.Combine(Directory, "fmp4", "index.m3u8");

    public string SingleFilePlaylist => Path.Combine(Directory, "single", "index.m3u8");

    public string MasterPlaylist => Path.Combine(Directory, "master", "master.m3u8");

    public async Task InitializeAsync()
    {
        string[] source =
        [
            "-hide_banner", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "sine", "-t", "8",
        ];
        string[] encode = ["-c:v", "libx264", "-g", "25", "-c:a", "aac"];
        string[] hls = ["-f", "hls", "-hls_time", "2", "-hls_playlist_type", "vod"];

        await RunAsync("ts", [.. source, .. encode, .. hls, "-hls_flags", "program_date_time+discont_start+independent_segments", "index.m3u8"]);
        await RunAsync("fmp4", [.. source, .. encode, .. hls, "-hls_segment_type", "fmp4", "-hls_flags", "program_date_time+discont_start+independent_segments", "index.m3u8"]);
        await RunAsync("single", [.. source, .. encode, .. hls, "-hls_flags", "single_file+program_date_time", "index.m3u8"]);
        await RunAsync("master",
        [
            .. source, "-map", "0:v", "-map", "0:v", "-map", "1:a",
            "-c:v", "libx264", "-g", "25", "-c:a", "aac", "-s:v:0", "320x240", "-b:v:0", "600k", "-s:v:1", "160x120", "-b:v:1", "200k",
            .. hls, "-var_stream_map", "v:0,a:0 v:1", "-master_pl_name", "master.m3u8", "stream_%v.m3u8",
        ]);
    }

    public Task DisposeAsync()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    private async Task RunAsync(string folder, string[] arguments)
    {
        var workingDirectory = Path.Combine(Directory, folder);
        System.IO.Directory.CreateDirectory(workingDirectory);
        var start = new ProcessStartInfo("ffmpeg")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start (is it installed at /usr/bin/ffmpeg?)");
        process.StandardInput.Close();
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ffmpeg ({folder}) did not finish within {Timeout}");
        }

        await output;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg ({folder}) exited with {process.ExitCode}: {await errors}");
        }
    }
}
