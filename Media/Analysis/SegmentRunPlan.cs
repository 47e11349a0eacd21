using System.Globalization;
using Glance.Media.Signals;

namespace Glance.Media.Analysis;

/// <summary>
/// What one ffmpeg run over a segment does. The graph decodes the segment once and fans out: a "grid" branch passes only
/// the sampled frames (select) to scale+RGB conversion and stdout; a detector branch runs blackdetect and freezedetect on
/// every frame; audio goes through silencedetect and ebur128. Detector branches reset timestamps to zero so ffmpeg's
/// six-significant-digit time printing stays precise; their zero is recovered from showinfo@all / ashowinfo@afirst.
/// </summary>
internal sealed record SegmentRunPlan
{
    /// <summary>Decode keyframes only (<c>-skip_frame nokey</c>) and list every demuxed packet (<c>-debug_ts</c>).</summary>
    public bool KeyframesOnly { get; init; }

    public bool IncludeVideo { get; init; } = true;

    /// <summary>Do not decode B frames (<c>-skip_frame bidir</c>); see <see cref="SignalOptions.VideoChecksOnAllFrames"/>.</summary>
    public bool SkipBFrames { get; init; }

    /// <summary>The select expression of the grid branch; null runs no grid branch (no frames piped).</summary>
    public string? SelectExpression { get; init; }

    public int LongestSide { get; init; } = 640;

    /// <summary>showinfo@all on every decoded frame: its timestamp (end of video, last frame) and caption side data.</summary>
    public bool ListAllFrames { get; init; }

    public BlackOptions Black { get; init; } = BlackOptions.Disabled;

    public FreezeOptions Freeze { get; init; } = FreezeOptions.Disabled;

    public SilenceOptions Silence { get; init; } = SilenceOptions.Disabled;

    public bool Loudness { get; init; }

    public bool IncludeAudio => !KeyframesOnly && (Silence.Enabled || Loudness);

    public bool HasGrid => IncludeVideo && SelectExpression is not null;

    private bool HasVideoDetectorBranch => IncludeVideo && !KeyframesOnly && (ListAllFrames || Black.Enabled || Freeze.Enabled);

    public IReadOnlyList<string> BuildArguments()
    {
        List<string> args = ["-hide_banner", "-nostdin", "-nostats", "-loglevel", "info", "-copyts", "-sn", "-dn"];
        if (KeyframesOnly)
        {
            args.AddRange(["-skip_frame:v", "nokey", "-debug_ts"]);
        }
        else if (SkipBFrames && !HasGrid)
        {
            args.AddRange(["-skip_frame:v", "bidir"]);
        }

        if (!IncludeAudio)
        {
            args.Add("-an");
        }

        if (!IncludeVideo)
        {
            args.Add("-vn");
        }

        args.AddRange(["-i", "pipe:0"]);

        var graph = new List<string>();
        var nullOutputs = new List<string>();
        if (HasGrid || HasVideoDetectorBranch)
        {
            // Timestamps in 90 kHz whatever the container's time base (fMP4 often uses 1/15360), so that the select
            // expression and the timeline work in one unit. A no-op for MPEG-TS.
            const string source = "[0:v:0]settb=1/90000";
            string gridInput = source + ",";
            string detectorInput = source + ",";
            if (HasGrid && HasVideoDetectorBranch)
            {
                graph.Add(source + ",split=2[vgrid][vdet]");
                gridInput = "[vgrid]";
                detectorInput = "[vdet]";
            }

            if (HasGrid)
            {
                graph.Add($"{gridInput}select='{SelectExpression}',{Scale()},format=rgb24,{FfmpegRunLog.GridName}=checksum=0[frames]");
            }

            if (HasVideoDetectorBranch)
            {
                var filters = new List<string>();
                if (ListAllFrames)
                {
                    filters.Add($"{FfmpegRunLog.AllName}=checksum=0");
                }

                filters.Add("setpts=PTS-STARTPTS");
                if (Black.Enabled)
                {
                    filters.Add($"blackdetect=d={N(Black.MinDuration)}:pic_th={N(Black.PictureRatio)}:pix_th={N(Black.PixelThreshold)}");
                }

                if (Freeze.Enabled)
                {
                    filters.Add($"freezedetect=n={N(Freeze.NoiseDb)}dB:d={N(Freeze.MinDuration)}");
                }

                graph.Add($"{detectorInput}{string.Join(',', filters)}[vsig]");
                nullOutputs.Add("[vsig]");
            }
        }

        if (IncludeAudio)
        {
            graph.Add("[0:a:0]asplit=2[ameasure][afirst]");
            var filters = new List<string> { "asetpts=PTS-STARTPTS" };
            if (Silence.Enabled)
            {
                filters.Add($"silencedetect=n={N(Silence.ThresholdDb)}dB:d={N(Silence.MinDuration)}");
            }

            if (Loudness)
            {
                filters.Add("ebur128=peak=true");
            }

            graph.Add($"[ameasure]{string.Join(',', filters)}[asig]");
            graph.Add($"[afirst]aselect='eq(n,0)',{FfmpegRunLog.FirstAudioName}[afirstout]");
            nullOutputs.AddRange(["[asig]", "[afirstout]"]);
        }

        if (graph.Count == 0)
        {
            throw new InvalidOperationException("A segment run must decode something.");
        }

        args.AddRange(["-filter_complex", string.Join(';', graph)]);
        if (HasGrid)
        {
            args.AddRange(["-map", "[frames]", "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"]);
        }

        if (nullOutputs.Count > 0)
        {
            foreach (var output in nullOutputs)
            {
                args.AddRange(["-map", output]);
            }

            args.AddRange(["-fps_mode", "passthrough", "-f", "null", "-"]);
        }

        return args;
    }

    /// <summary>Down to the longest side (never up), keeping the display aspect ratio (sample aspect applied).</summary>
    private string Scale()
    {
        var side = LongestSide.ToString(CultureInfo.InvariantCulture);
        const string landscape = "gte(iw*sar,ih)";
        return $"scale=w='max(1,round(if({landscape},min({side},iw*sar),min({side},ih)*iw*sar/ih)))'" +
               $":h='max(1,round(if({landscape},min({side},iw*sar)*ih/(iw*sar),min({side},ih))))':flags=bilinear";
    }

    private static string N(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
