using System.Threading.Channels;
using Glance.Media.Processes;

namespace Glance.Media.Analysis;

/// <summary>One ffmpeg process over one segment held in memory: bytes in on stdin, RGB frames out on stdout, reports on stderr.</summary>
internal static class SegmentRun
{
    private const int MaxFrameSide = 8192;

    public static async Task<SegmentRunResult> RunAsync(
        string ffmpegPath,
        SegmentRunPlan plan,
        ReadOnlyMemory<byte> input,
        TimeSpan timeout,
        int maxFrames,
        CancellationToken cancellationToken)
    {
        var log = new FfmpegRunLog();
        var frames = new List<RawFrame>();
        var request = new ChildProcessRequest(ffmpegPath, plan.BuildArguments())
        {
            StandardInput = input,
            Timeout = timeout,
            StandardErrorLine = log.Consume,
            StandardErrorEnded = log.Complete,
            StandardOutputReader = plan.HasGrid ? (stdout, token) => ReadFramesAsync(stdout, log.GridHeaders, frames, maxFrames, token) : null,
            MaxBufferedOutputBytes = 1024 * 1024,
            MaxStandardErrorTailChars = 8 * 1024,
        };

        ChildProcessResult result;
        try
        {
            result = await ChildProcess.RunAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            log.Complete();
        }

        return new SegmentRunResult(log, frames, result.ExitCode, result.StandardErrorTail);
    }

    /// <summary>
    /// Frames arrive as bare RGB bytes; their size comes from the showinfo line ffmpeg logs just before writing each one, so
    /// the reader waits for that line once it sees the first byte of a frame.
    /// </summary>
    private static async Task ReadFramesAsync(Stream stdout, ChannelReader<GridFrameHeader> headers, List<RawFrame> frames, int maxFrames, CancellationToken token)
    {
        var first = new byte[1];
        while (await stdout.ReadAsync(first, token).ConfigureAwait(false) > 0)
        {
            GridFrameHeader header;
            try
            {
                header = await headers.ReadAsync(token).ConfigureAwait(false);
            }
            catch (ChannelClosedException e)
            {
                throw new SegmentFormatException("ffmpeg wrote a frame it did not describe.", e);
            }

            if (frames.Count >= maxFrames)
            {
                throw new SegmentFormatException($"The segment yields more than {maxFrames} sampled frames; lower the sampling rate or raise the limit.");
            }

            if (header.Width is <= 0 or > MaxFrameSide || header.Height is <= 0 or > MaxFrameSide)
            {
                throw new SegmentFormatException($"ffmpeg described a frame of {header.Width}x{header.Height} pixels.");
            }

            var pixels = new byte[header.Width * header.Height * 3];
            pixels[0] = first[0];
            try
            {
                await stdout.ReadExactlyAsync(pixels.AsMemory(1), token).ConfigureAwait(false);
            }
            catch (EndOfStreamException e)
            {
                throw new SegmentFormatException("ffmpeg's frame output ended in the middle of a frame.", e);
            }

            frames.Add(new RawFrame(header.Pts, header.Width, header.Height, pixels));
        }
    }
}

/// <summary>A piped frame before its place in the event is known.</summary>
internal sealed record RawFrame(long? Pts, int Width, int Height, byte[] Pixels);

internal sealed record SegmentRunResult(FfmpegRunLog Log, IReadOnlyList<RawFrame> Frames, int ExitCode, string StandardErrorTail)
{
    public bool Succeeded => ExitCode == 0;
}
