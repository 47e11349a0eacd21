using System.Text;
using Glance.Media.Processes;
using Microsoft.Extensions.Options;

namespace Glance.Media.Probing;

/// <summary>
/// Runs ffprobe on a file or on bytes in memory through <see cref="ChildProcess"/> (argument list, timeout, tree kill,
/// bounded output, dies with its host) and reads the answer with <see cref="MediaProbeReader"/>. FFMpegCore's own
/// <c>FFProbe.AnalyseAsync</c> would start ffprobe outside that wrapper, so only its model of the answer is used.
/// </summary>
public sealed class MediaProber(IOptions<FfmpegOptions> options)
{
    /// <summary>ffprobe's JSON for one file is a few KiB; a file with thousands of streams is not media we handle.</summary>
    private const long MaxAnswerBytes = 4 * 1024 * 1024;

    /// <summary>
    /// <c>-sexagesimal</c> because FFMpegCore's model reads durations and start times as h:mm:ss.micro, the way its own
    /// runner asks for them; plain seconds would read as zero.
    /// </summary>
    private static readonly string[] Show = ["-v", "error", "-sexagesimal", "-print_format", "json", "-show_format", "-show_streams"];

    private readonly FfmpegOptions options = options.Value;

    /// <summary>Probes a local file. The path is read as a file whatever it looks like (no URL or protocol is followed).</summary>
    /// <exception cref="MediaProbeException">ffprobe could not read the file as media.</exception>
    public Task<MediaProbe> ProbeFileAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return RunAsync([.. Show, "-i", "file:" + Path.GetFullPath(path)], cancellationToken);
    }

    /// <summary>
    /// Probes media held in memory (a fetched segment or upload). The bytes go to a private temporary file rather than
    /// ffprobe's stdin: on a pipe ffprobe cannot seek to a transport stream's last timestamp and reports no duration.
    /// </summary>
    /// <exception cref="MediaProbeException">ffprobe could not read the bytes as media.</exception>
    public async Task<MediaProbe> ProbeAsync(ReadOnlyMemory<byte> media, CancellationToken cancellationToken)
    {
        if (media.IsEmpty)
        {
            throw new MediaProbeException("There is nothing to probe: the input is empty.");
        }

        // mkstemp underneath: a new file only this user can read.
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, media, cancellationToken).ConfigureAwait(false);
            return await ProbeFileAsync(path, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task<MediaProbe> RunAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var request = new ChildProcessRequest(options.FfprobePath, arguments)
        {
            Timeout = options.ProbeTimeout,
            MaxBufferedOutputBytes = MaxAnswerBytes,
        };
        var result = await ChildProcess.RunAsync(request, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            var reason = result.StandardErrorTail.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            throw new MediaProbeException(reason is null ? $"ffprobe exited with {result.ExitCode}." : $"not readable as media ({reason}).");
        }

        return MediaProbeReader.Read(Encoding.UTF8.GetString(result.StandardOutput));
    }
}
