namespace Glance.Media.Processes;

/// <summary>
/// How to run one external tool (ffmpeg, ffprobe, tesseract): an argument list, never a shell string, and bounds on
/// everything that could otherwise grow or hang.
/// </summary>
public sealed record ChildProcessRequest(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>The whole run, including writing stdin and draining stdout, must finish within this time.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Bytes written to the child's stdin, which is then closed. Null leaves stdin closed from the start.</summary>
    public ReadOnlyMemory<byte>? StandardInput { get; init; }

    /// <summary>
    /// Reads stdout as a stream while the process runs (for example raw video frames). When null, stdout is buffered
    /// up to <see cref="MaxBufferedOutputBytes"/> and returned in the result.
    /// </summary>
    public Func<Stream, CancellationToken, Task>? StandardOutputReader { get; init; }

    /// <summary>Cap on buffered stdout; a child that writes more fails with <see cref="ChildProcessFailedException"/>.</summary>
    public long MaxBufferedOutputBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Called for every stderr line (ffmpeg filters report there). Lines longer than 8 KiB are cut.</summary>
    public Action<string>? StandardErrorLine { get; init; }

    /// <summary>
    /// Called once stderr has ended (after its last line): a stdout reader waiting for a line that will never come can
    /// then fail at once instead of at the timeout.
    /// </summary>
    public Action? StandardErrorEnded { get; init; }

    /// <summary>How much of the end of stderr is kept for error messages.</summary>
    public int MaxStandardErrorTailChars { get; init; } = 16 * 1024;

    /// <summary>Environment variables to set for the child (in addition to the inherited environment).</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }
}
