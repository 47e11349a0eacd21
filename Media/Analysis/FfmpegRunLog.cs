using System.Globalization;
using System.Threading.Channels;
using Glance.Media.Signals;

namespace Glance.Media.Analysis;

/// <summary>
/// Everything one segment run of ffmpeg reports on stderr, parsed line by line as it arrives: the input banner, one
/// <c>showinfo@grid</c> line per piped frame (its exact timestamp and size, which the stdout reader waits for), one
/// <c>showinfo@all</c> line per decoded frame, the first audio frame's timestamp, <c>-debug_ts</c> packet lines, and the
/// detector filters. Lines arrive on one thread (the stderr reader); the grid headers cross to the stdout reader through a
/// channel.
/// </summary>
internal sealed class FfmpegRunLog
{
    public const string GridName = "showinfo@grid";
    public const string AllName = "showinfo@all";
    public const string FirstAudioName = "ashowinfo@afirst";

    private const int MaxFramesListed = 100_000;
    private readonly Channel<GridFrameHeader> gridHeaders = Channel.CreateUnbounded<GridFrameHeader>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly List<long> allFramePts = [];
    private readonly List<long> videoPackets = [];

    public StreamBanner Banner { get; } = new();

    public DetectorLog Detectors { get; } = new();

    public ChannelReader<GridFrameHeader> GridHeaders => gridHeaders.Reader;

    /// <summary>Timestamps (90 kHz) of every decoded video frame, in presentation order; empty unless the graph has showinfo@all.</summary>
    public IReadOnlyList<long> AllFramePts => allFramePts;

    /// <summary>Timestamps of every demuxed video packet (stream time base), in decode order; needs <c>-debug_ts</c>.</summary>
    public IReadOnlyList<long> VideoPackets => videoPackets;

    public int DecodedKeyframes { get; private set; }

    public bool CaptionsInFrames { get; private set; }

    /// <summary>First audio frame: timestamp in the audio graph's time base (1/sample rate) and that rate.</summary>
    public (long Pts, int SampleRate)? FirstAudio { get; private set; }

    /// <summary>The last line no parser claimed: usually ffmpeg's reason when it fails.</summary>
    public string? LastOtherLine { get; private set; }

    public void Consume(string line)
    {
        if (line.StartsWith('['))
        {
            if (line.StartsWith("[" + GridName + " ", StringComparison.Ordinal))
            {
                ConsumeShowInfo(line, grid: true);
                return;
            }

            if (line.StartsWith("[" + AllName + " ", StringComparison.Ordinal))
            {
                ConsumeShowInfo(line, grid: false);
                return;
            }

            if (line.StartsWith("[" + FirstAudioName + " ", StringComparison.Ordinal))
            {
                ConsumeFirstAudio(line);
                return;
            }
        }
        else if (line.StartsWith("demuxer+ffmpeg -> ", StringComparison.Ordinal))
        {
            ConsumePacket(line);
            return;
        }
        else if (line.StartsWith("decoder -> ", StringComparison.Ordinal))
        {
            if (line.Contains(" type:video ", StringComparison.Ordinal) && line.Contains(" keyframe:1", StringComparison.Ordinal))
            {
                DecodedKeyframes++;
            }

            return;
        }
        else if (line.StartsWith("demuxer -> ", StringComparison.Ordinal) || line.StartsWith("filter -> ", StringComparison.Ordinal)
            || line.StartsWith("encoder ", StringComparison.Ordinal) || line.StartsWith("muxer <- ", StringComparison.Ordinal))
        {
            return;
        }

        if (Banner.TryConsume(line) || Detectors.TryConsume(line))
        {
            return;
        }

        LastOtherLine = line;
    }

    /// <summary>No more lines will come: lets the stdout reader stop waiting.</summary>
    public void Complete()
    {
        Banner.Finish();
        gridHeaders.Writer.TryComplete();
    }

    private void ConsumeShowInfo(string line, bool grid)
    {
        var span = line.AsSpan();
        if (span.Contains("A/53 closed captions", StringComparison.Ordinal))
        {
            CaptionsInFrames = true;
            return;
        }

        var ptsAt = span.IndexOf(" pts:", StringComparison.Ordinal);
        if (ptsAt < 0 || !span.Contains(" n:", StringComparison.Ordinal))
        {
            return; // config lines, colour info, other side data
        }

        long? pts = ReadLong(span[(ptsAt + 5)..]);
        if (!grid)
        {
            if (pts is { } p && allFramePts.Count < MaxFramesListed)
            {
                allFramePts.Add(p);
            }

            return;
        }

        var sizeAt = span.IndexOf(" s:", StringComparison.Ordinal);
        var (width, height) = sizeAt < 0 ? (0, 0) : ReadSize(span[(sizeAt + 3)..]);
        gridHeaders.Writer.TryWrite(new GridFrameHeader(pts, width, height));
    }

    private void ConsumeFirstAudio(string line)
    {
        var span = line.AsSpan();
        var ptsAt = span.IndexOf(" pts:", StringComparison.Ordinal);
        var rateAt = span.IndexOf(" rate:", StringComparison.Ordinal);
        if (FirstAudio is null && ptsAt >= 0 && rateAt >= 0 && ReadLong(span[(ptsAt + 5)..]) is { } pts && ReadLong(span[(rateAt + 6)..]) is { } rate and > 0 and < 1_000_000)
        {
            FirstAudio = (pts, (int)rate);
        }
    }

    private void ConsumePacket(string line)
    {
        var span = line.AsSpan();
        if (!span.Contains(" type:video ", StringComparison.Ordinal) || videoPackets.Count >= MaxFramesListed)
        {
            return;
        }

        var indexAt = span.IndexOf("ist_index:", StringComparison.Ordinal);
        var ptsAt = span.IndexOf(" pkt_pts:", StringComparison.Ordinal);
        if (indexAt < 0 || ptsAt < 0 || ReadLong(span[(indexAt + 10)..]) != Banner.Video?.Index)
        {
            return;
        }

        if (ReadLong(span[(ptsAt + 9)..]) is { } pts)
        {
            videoPackets.Add(pts);
        }
    }

    private static long? ReadLong(ReadOnlySpan<char> rest)
    {
        rest = rest.TrimStart(' ');
        var end = 0;
        while (end < rest.Length && (char.IsAsciiDigit(rest[end]) || (end == 0 && rest[end] == '-')))
        {
            end++;
        }

        return long.TryParse(rest[..end], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static (int Width, int Height) ReadSize(ReadOnlySpan<char> rest)
    {
        var x = rest.IndexOf('x');
        if (x <= 0)
        {
            return (0, 0);
        }

        var end = rest.IndexOf(' ');
        var heightText = end > x ? rest[(x + 1)..end] : rest[(x + 1)..];
        return int.TryParse(rest[..x], NumberStyles.None, CultureInfo.InvariantCulture, out var w) && int.TryParse(heightText, NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            ? (w, h)
            : (0, 0);
    }
}

/// <summary>What showinfo said about one piped frame; the pixels follow on stdout.</summary>
/// <param name="Pts">90 kHz timestamp, null when the frame had none.</param>
internal readonly record struct GridFrameHeader(long? Pts, int Width, int Height);
