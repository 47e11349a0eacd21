using System.Globalization;
using Glance.Media.Analysis;
using Glance.Media.Processes;
using Glance.Media.Timing;
using Microsoft.Extensions.Options;

namespace Glance.Tests.Frames;

/// <summary>Media for tests, made by ffmpeg in a temporary directory that is removed afterwards.</summary>
public sealed class TestMedia : IDisposable
{
    public TestMedia()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("glance-frames-").FullName;
    }

    public string Directory { get; }

    public static SegmentAnalyzer Analyzer(int maxFrames = 300) => new(
        Options.Create(new FfmpegOptions()),
        Options.Create(new SegmentAnalysisOptions { MaxFramesPerSegment = maxFrames }));

    public string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>Runs ffmpeg with the given arguments in the temp directory; fails the test when ffmpeg fails.</summary>
    public static async Task FfmpegAsync(params string[] arguments)
    {
        List<string> all = ["-hide_banner", "-nostdin", "-loglevel", "error", "-y", .. arguments];
        await ChildProcess.RunCheckedAsync(new ChildProcessRequest("ffmpeg", all) { Timeout = TimeSpan.FromMinutes(2) }, CancellationToken.None);
    }

    /// <summary>
    /// Encodes lavfi sources with x264 (fixed GOP, no scene-cut keyframes) and AAC, and cuts them into HLS segments with
    /// ffmpeg's own HLS muxer. Returns the segments in playlist order.
    /// </summary>
    /// <param name="inputs">ffmpeg input arguments, for example ["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30"].</param>
    public async Task<IReadOnlyList<TestSegment>> HlsAsync(
        string name,
        IEnumerable<string> inputs,
        double seconds,
        int gop,
        double segmentSeconds,
        IEnumerable<string>? extra = null,
        bool fmp4 = false)
    {
        var playlist = PathOf($"{name}.m3u8");
        List<string> arguments =
        [
            .. inputs,
            "-t", seconds.ToString(CultureInfo.InvariantCulture),
            "-c:v", "libx264", "-preset", "ultrafast", "-g", gop.ToString(CultureInfo.InvariantCulture),
            "-keyint_min", gop.ToString(CultureInfo.InvariantCulture), "-sc_threshold", "0", "-bf", "2", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-b:a", "64k",
            .. extra ?? [],
            "-f", "hls", "-hls_time", segmentSeconds.ToString(CultureInfo.InvariantCulture), "-hls_playlist_type", "vod",
            "-hls_segment_type", fmp4 ? "fmp4" : "mpegts",
            "-hls_segment_filename", PathOf(name + (fmp4 ? "-%03d.m4s" : "-%03d.ts")),
        ];
        if (fmp4)
        {
            arguments.AddRange(["-hls_fmp4_init_filename", $"{name}-init.mp4"]);
        }

        arguments.Add(playlist);
        await FfmpegAsync([.. arguments]);
        return ReadPlaylist(playlist);
    }

    /// <summary>A minimal reading of the playlist ffmpeg wrote: EXTINF, EXT-X-MAP and the segment URIs.</summary>
    public IReadOnlyList<TestSegment> ReadPlaylist(string playlist)
    {
        var segments = new List<TestSegment>();
        double duration = 0;
        byte[]? init = null;
        foreach (var line in File.ReadAllLines(playlist))
        {
            if (line.StartsWith("#EXTINF:", StringComparison.Ordinal))
            {
                duration = double.Parse(line["#EXTINF:".Length..].TrimEnd(','), CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("#EXT-X-MAP:URI=\"", StringComparison.Ordinal))
            {
                init = File.ReadAllBytes(PathOf(line["#EXT-X-MAP:URI=\"".Length..].TrimEnd('"')));
            }
            else if (line.Length > 0 && !line.StartsWith('#'))
            {
                segments.Add(new TestSegment(File.ReadAllBytes(PathOf(line)), init, duration));
            }
        }

        return segments;
    }

    /// <summary>Analyses the segments in order, as a stream grain would, carrying the state along.</summary>
    public static async Task<List<SegmentAnalysis>> AnalyzeAllAsync(
        SegmentAnalyzer analyzer,
        IReadOnlyList<TestSegment> segments,
        Func<SegmentAnalysisRequest, SegmentAnalysisRequest>? configure = null,
        StreamAnalysisState? start = null,
        Func<int, SegmentTiming, SegmentTiming>? timing = null,
        long firstSequence = 0)
    {
        var state = start ?? StreamAnalysisState.Start();
        var results = new List<SegmentAnalysis>();
        for (var i = 0; i < segments.Count; i++)
        {
            var segmentTiming = new SegmentTiming(firstSequence + i, segments[i].Duration);
            segmentTiming = timing?.Invoke(i, segmentTiming) ?? segmentTiming;
            var request = new SegmentAnalysisRequest(segments[i].ToMedia(), segmentTiming, state);
            request = configure?.Invoke(request) ?? request;
            var analysis = await analyzer.AnalyzeAsync(request, null, CancellationToken.None);
            results.Add(analysis);
            state = analysis.NextState;
        }

        return results;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the OS temp cleaner gets the rest.
        }
    }
}

public sealed record TestSegment(byte[] Bytes, byte[]? Init, double Duration)
{
    public SegmentMedia ToMedia() => new(Bytes, Init);
}
