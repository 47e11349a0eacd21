using System.Globalization;

namespace Glance.Demo.Channel;

/// <summary>
/// The ffmpeg argument list of one channel run (no shell). Pure: paths and the programme offset are given.
/// </summary>
/// <remarks>
/// <para>Picture: an animated green gradient (a pitch, with no text-like edges for the text reader, and moving so a
/// freeze check stays quiet), the presenter's photo while the programme says so, the scoreboard plate (with other
/// teams in the wrong-team window) and the logo (not in the logo dropout), all under black frames in the black window.
/// Sound: a 1 kHz tone at -23 LUFS (EBU R128's target) muted during the silence window.</para>
/// <para>Every timed element is enabled by an expression on <c>mod(t + offset, cycle)</c>, where <c>t</c> is the
/// run's stream time and <c>offset</c> the programme phase when the run started, which keeps the cycle aligned to the
/// wall clock across restarts.</para>
/// <para>Stream: x264 with a keyframe every <see cref="SyntheticChannelOptions.KeyframeSeconds"/> and no scene-cut
/// keyframes, so segments cut at exactly <see cref="SyntheticChannelOptions.SegmentSeconds"/>; mpegts with a PAT/PMT
/// every 100 ms and a PCR every 20 ms (ffmpeg's HLS defaults break TR 101 290's 500 ms and 40 ms limits); segments and
/// playlist written to temporary names and renamed, so the channel never publishes half a file. ffmpeg deletes no
/// segment: the channel moves each one out of ffmpeg's folder as it publishes it, and deletes old ones itself.</para>
/// </remarks>
public static class ChannelCommand
{
    /// <summary>A mono sine from ffmpeg's sine source reads -21.1 LUFS; this brings it to -23.</summary>
    private const string ToneGain = "-1.9dB";

    /// <param name="startNumber">
    /// Media sequence number of the playlist's first entry: 0 for a fresh playlist; for a continued one, the number of
    /// its first listed segment (ffmpeg numbers its new segments after the entries it finds).
    /// </param>
    /// <param name="appendToPlaylist">A restart: continue the existing playlist (ffmpeg marks the join with EXT-X-DISCONTINUITY).</param>
    public static IReadOnlyList<string> Build(
        SyntheticChannelOptions options,
        DemoLayout layout,
        string presenterPng,
        string logoPng,
        TimeSpan phaseOffset,
        long startNumber,
        bool appendToPlaylist)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(layout);
        var fps = Number(options.FrameRate);
        var gop = Number(options.FrameRate * options.KeyframeSeconds);
        var flags = "program_date_time+independent_segments+temp_file" + (appendToPlaylist ? "+append_list" : string.Empty);
        return
        [
            "-hide_banner", "-nostdin", "-nostats", "-loglevel", "warning",
            "-re", "-f", "lavfi", "-i", string.Create(CultureInfo.InvariantCulture, $"gradients=s={layout.Width}x{layout.Height}:r={fps}:c0=0x1f7a34:c1=0x2e9e48:speed=0.02:seed=1"),
            "-re", "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000",
            "-re", "-loop", "1", "-framerate", fps, "-i", presenterPng,
            "-re", "-loop", "1", "-framerate", fps, "-i", logoPng,
            "-filter_complex", FilterGraph(options, layout, phaseOffset),
            "-map", "[v]", "-map", "[a]",
            "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-crf", "23", "-pix_fmt", "yuv420p",
            "-g", gop, "-keyint_min", gop, "-sc_threshold", "0",
            "-c:a", "aac", "-b:a", "64k", "-ac", "1", "-ar", "48000",
            "-f", "hls",
            "-hls_time", Number(options.SegmentSeconds),
            "-hls_list_size", Number(options.ListSize),
            "-start_number", startNumber.ToString(CultureInfo.InvariantCulture),
            "-hls_flags", flags,
            "-hls_segment_options", "pat_period=0.1:pcr_period=20",
            "-hls_segment_filename", options.SegmentPrefix + "%d.ts",
            options.PlaylistName,
        ];
    }

    internal static string FilterGraph(SyntheticChannelOptions options, DemoLayout layout, TimeSpan phaseOffset)
    {
        var programme = options.Programme;
        var font = DemoAssetRenderer.CheckedFontName(options.FontFile);
        var phase = string.Create(CultureInfo.InvariantCulture, $"mod(t+{phaseOffset.TotalSeconds:0.###},{programme.Cycle.TotalSeconds:0.###})");
        var cycle = programme.Cycle.TotalSeconds;
        string Within(CycleWindow window, double shift = 0) =>
            string.Create(CultureInfo.InvariantCulture, $"gte({phase}+{shift:0.###},{window.Start.TotalSeconds:0.###})*lt({phase}+{shift:0.###},{window.End.TotalSeconds:0.###})");
        // A fault window may run into the next cycle: the phase is then also tried one cycle on.
        string Covers(CycleWindow window) => $"({Within(window)}+{Within(window, cycle)})";
        string During(CycleWindow window) => $"'{Within(window)}'";

        var presenter = layout.Presenter;
        var logo = layout.Logo;
        var plate = layout.Scoreboard;
        var text = layout.ScoreboardText;
        var rightTeams = $"'{Within(programme.Scoreboard)}*(1-{Covers(programme.WrongTeams)})'";
        var wrongTeams = $"'{Within(programme.Scoreboard)}*{Covers(programme.WrongTeams)}'";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"[0:v]format=yuv420p[bg];"
            + $"[bg][2:v]overlay=x={presenter.X}:y={presenter.Y}:enable={During(programme.Presenter)}[withPresenter];"
            + $"[withPresenter][3:v]overlay=x={logo.X}:y={logo.Y}:enable='1-{Covers(programme.LogoDropout)}'[withLogo];"
            + $"[withLogo]drawbox=x={plate.X}:y={plate.Y}:w={plate.Width}:h={plate.Height}:color=0x101828@0.9:t=fill:enable={During(programme.Scoreboard)},"
            + $"drawtext=fontfile={font}:text='{DemoGallery.DefaultScoreboardText}':x={text.X}:y={text.Y}:fontsize={layout.ScoreboardFontSize}:fontcolor=white:enable={rightTeams},"
            + $"drawtext=fontfile={font}:text='{DemoGallery.WrongTeamsScoreboardText}':x={text.X}:y={text.Y}:fontsize={layout.ScoreboardFontSize}:fontcolor=white:enable={wrongTeams},"
            // Black frames carry a little moving noise: a flat black picture encodes to so few packets that the video
            // PID falls silent past TR 101 290's limit, and would read as frozen; the noise stays under blackdetect's threshold.
            + $"drawbox=x=0:y=0:w=iw:h=ih:color=black:t=fill:enable='{Covers(programme.Black)}',"
            + $"noise=alls=6:allf=t:enable='{Covers(programme.Black)}',"
            + $"format=yuv420p[v];"
            + $"[1:a]volume={ToneGain},volume=0:enable={During(programme.Silence)}[a]");
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
