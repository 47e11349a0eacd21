using Glance.Media.Frames;
using Glance.Media.Processes;
using Glance.Media.Signals;
using Glance.Media.Timing;
using Microsoft.Extensions.Options;

namespace Glance.Media.Analysis;

/// <summary>
/// Analyses one HLS segment held in memory: samples frames as RGB with exact timestamps and stream times, and runs the signal
/// checks (silence, loudness, black, freeze, captions, audio presence), with ffmpeg as a child process fed over stdin.
/// </summary>
/// <remarks>
/// <para>Decode plan, chosen to decode as little as gives exact results:</para>
/// <list type="bullet">
/// <item>The signal run decodes the segment once and fans out in one filter graph: the sampled frames (select, then
/// scale+RGB for those frames only) to stdout, blackdetect/freezedetect on the video, silencedetect/ebur128 on the audio.
/// Black and freeze need far more than the samples (at 1 fps a stretch could only be placed to within a second) but not
/// every frame: unless the run also delivers the samples, B frames are skipped, which halves the decode
/// (see <see cref="SignalOptions.VideoChecksOnAllFrames"/>).</item>
/// <item>Keyframe run: when samples fall on keyframes (every Nth keyframe, or a keyframe interval equal to the sampling
/// interval, typical for HLS at 1 fps with GOP = 1 s) a second process decodes keyframes only and delivers the frames early
/// (see the <c>framesReady</c> callback) while the signal run goes on. Measured on 6 s of 720p30 (Benchmarks "frames" and
/// "signals"): keyframe run 0.13 s of CPU, full decode 0.54 s, all signal checks 0.65 s; running both costs about 15 % more
/// CPU than the signal run piping the frames itself, and hands the frames over when the keyframe run ends instead of at
/// the end. In rate mode its result is used only when proven equal to the full decode: the packet timestamps it lists
/// (<c>-debug_ts</c>) show which frame the full decode would have chosen for every sampling instant.</item>
/// <item>Input-side seeking is not used: stdin is not seekable, and at 1 fps with a GOP of 1-2 s a seek would still decode
/// nearly every reference frame.</item>
/// </list>
/// <para>Stream information (audio present, captions, frame rate) comes from the banner ffmpeg prints anyway, not from a
/// separate ffprobe run. A run whose graph names a stream the segment lacks fails before decoding and is repeated without
/// it; that costs one process start, only for broken segments.</para>
/// </remarks>
public sealed class SegmentAnalyzer(IOptions<FfmpegOptions> ffmpegOptions, IOptions<SegmentAnalysisOptions> analysisOptions)
{
    /// <summary>After a miss, the keyframe path is tried again on every Nth media sequence number, in case the GOP changed.</summary>
    private const int KeyframePathRetryInterval = 10;

    private readonly FfmpegOptions ffmpeg = ffmpegOptions.Value;
    private readonly SegmentAnalysisOptions options = analysisOptions.Value;

    /// <param name="framesReady">Called once with the sampled frames as soon as they are known, possibly well before the
    /// signal checks finish, so detection can start early. Not called when no frames were asked for.</param>
    public async Task<SegmentAnalysis> AnalyzeAsync(
        SegmentAnalysisRequest request,
        Func<IReadOnlyList<SampledFrame>, CancellationToken, Task>? framesReady,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        var input = request.Media.ToInput();
        var clock = StreamClock.Plan(request.State.Clock, request.Timing);
        var sampling = request.Sampling;
        var signals = request.Signals;
        var grid = sampling.Mode == SamplingMode.Rate ? new SamplingGrid(sampling.FramesPerSecond) : null;

        var keyframePath = sampling.Mode == SamplingMode.Keyframes
            || (sampling.Mode == SamplingMode.Rate && sampling.KeyframeFastPath
                && (request.State.KeyframePathHolds != false || request.Timing.MediaSequence % KeyframePathRetryInterval == 0));
        var signalRunNeeded = !keyframePath || signals.AnyAudioCheck || signals.AnyVideoCheck || signals.Captions;

        // The signal run also pipes the sampled frames unless the keyframe path is known to hold: then a miss costs a third
        // run, which is rarer than the few scaled frames it would otherwise pipe for nothing.
        var signalRunSamples = grid is not null && (!keyframePath || request.State.KeyframePathHolds != true);

        var rateExpression = grid is null ? null : FrameSelectExpression.ForRate(clock, grid);
        var keyframePlan = new SegmentRunPlan
        {
            KeyframesOnly = true,
            SelectExpression = sampling.Mode == SamplingMode.Keyframes
                ? FrameSelectExpression.ForKeyframes(sampling.KeyframeStep, request.State.KeyframesSeen)
                : rateExpression,
            LongestSide = sampling.LongestSide,
        };
        var signalPlan = new SegmentRunPlan
        {
            SelectExpression = signalRunSamples ? rateExpression : null,
            LongestSide = sampling.LongestSide,
            ListAllFrames = true,
            SkipBFrames = !signals.VideoChecksOnAllFrames && !signalRunSamples,
            Black = signals.Black,
            Freeze = signals.Freeze,
            Silence = signals.Silence,
            Loudness = signals.Loudness.Enabled,
        };

        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var keyframeTask = keyframePath ? RunAsync(keyframePlan, input, cancellation.Token) : null;
        var signalTask = signalRunNeeded ? RunAsync(signalPlan, input, cancellation.Token) : null;
        try
        {
            FrameResult? frames = null;
            bool? keyframePathHeld = null;
            SegmentRunResult? keyframeRun = null;
            if (keyframeTask is not null)
            {
                keyframeRun = await keyframeTask.ConfigureAwait(false);
                frames = grid is null
                    ? BuildFrames(keyframeRun, clock, sampling, grid, request.State, FrameSource.Keyframes)
                    : AcceptKeyframeRun(keyframeRun, clock, sampling, grid, request.State, out keyframePathHeld);
                if (frames is not null && framesReady is not null)
                {
                    await framesReady(frames.Frames, cancellationToken).ConfigureAwait(false);
                }
            }

            var signalRun = signalTask is null ? null : await signalTask.ConfigureAwait(false);
            if (frames is null && grid is not null)
            {
                var sampledRun = signalRun is not null && signalRunSamples
                    ? signalRun
                    : await RunAsync(new SegmentRunPlan { SelectExpression = rateExpression, LongestSide = sampling.LongestSide, ListAllFrames = true }, input, cancellation.Token).ConfigureAwait(false);
                frames = BuildFrames(sampledRun, clock, sampling, grid, request.State, FrameSource.FullDecode);
                if (framesReady is not null)
                {
                    await framesReady(frames.Frames, cancellationToken).ConfigureAwait(false);
                }
            }

            // Frames only, but keyframe decoding found nothing to anchor on (no video): the audio can still place the segment.
            signalRun ??= frames?.Timeline is null
                ? await RunAsync(signalPlan, input, cancellation.Token).ConfigureAwait(false)
                : null;
            var timeline = frames?.Timeline ?? (signalRun is null ? null : TimelineOf(signalRun, clock))
                ?? throw new SegmentFormatException("The segment has no timestamped video or audio.");
            var report = signalRun is not null
                ? BuildReport(signalRun, signals, timeline, frames?.Captions ?? false, request.Timing)
                : ReportFromBanner(keyframeRun!.Log.Banner, frames?.Captions ?? false);

            // The keyframe run lists every packet; a signal run that skipped B frames may miss the last frames shown.
            var lastFramePts = frames?.LastFramePts ?? (signalRun?.Log.AllFramePts is { Count: > 0 } all ? all.Max() : null);
            var next = request.State with
            {
                Clock = StreamClock.Advance(request.State.Clock, request.Timing, timeline, lastFramePts),
                KeyframesSeen = request.State.KeyframesSeen + (frames?.KeyframesDecoded ?? 0),
                KeyframePathHolds = keyframePathHeld ?? request.State.KeyframePathHolds,
            };
            return new SegmentAnalysis(frames?.Frames ?? [], report, timeline, next, frames is { Frames.Count: > 0 } ? frames.Source : FrameSource.None);
        }
        catch
        {
            await cancellation.CancelAsync().ConfigureAwait(false);
            await Observe(keyframeTask).ConfigureAwait(false);
            await Observe(signalTask).ConfigureAwait(false);
            throw;
        }
    }

    private void Validate(SegmentAnalysisRequest request)
    {
        request.Sampling.Validate();
        request.Signals.Validate();
        if (request.Media.Segment.IsEmpty)
        {
            throw new SegmentFormatException("The segment is empty.");
        }

        if (request.Media.Segment.Length > options.MaxSegmentBytes)
        {
            throw new SegmentFormatException($"The segment is {request.Media.Segment.Length} bytes; the limit is {options.MaxSegmentBytes}.");
        }

        if (request.Media.InitSegment is { } init && init.Length > options.MaxInitSegmentBytes)
        {
            throw new SegmentFormatException($"The initialization segment is {init.Length} bytes; the limit is {options.MaxInitSegmentBytes}.");
        }

        if (!(request.Timing.Duration >= 0 && request.Timing.Duration < 3600))
        {
            throw new SegmentFormatException($"EXTINF duration {request.Timing.Duration} s is not plausible.");
        }
    }

    /// <summary>Runs the plan; when ffmpeg refuses because the segment lacks a stream the graph names, runs it without.</summary>
    private async Task<SegmentRunResult> RunAsync(SegmentRunPlan plan, ReadOnlyMemory<byte> input, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var run = await SegmentRun.RunAsync(ffmpeg.FfmpegPath, plan, input, options.Timeout, options.MaxFramesPerSegment, cancellationToken).ConfigureAwait(false);
            if (run.Succeeded)
            {
                return run;
            }

            var banner = run.Log.Banner;
            var reason = run.Log.LastOtherLine ?? "ffmpeg failed without a reason";
            if (!banner.Complete || banner.Streams.Count == 0)
            {
                throw new SegmentFormatException($"Not a media segment ffmpeg can read: {reason}");
            }

            var withoutMissing = plan with
            {
                IncludeVideo = plan.IncludeVideo && banner.Video is not null,
                Silence = banner.HasAudio ? plan.Silence : SilenceOptions.Disabled,
                Loudness = plan.Loudness && banner.HasAudio,
            };
            if (attempt > 0 || withoutMissing == plan)
            {
                throw new SegmentFormatException($"ffmpeg could not analyse the segment: {reason}");
            }

            if (!withoutMissing.IncludeVideo && !withoutMissing.IncludeAudio)
            {
                // Nothing left this run can decode (a keyframe run on an audio-only segment): report the banner alone.
                return run;
            }

            plan = withoutMissing;
        }
    }

    /// <summary>
    /// Frames from the keyframe run in rate mode, or null unless they are provably the samples a full decode would give:
    /// the run lists every packet's timestamp, so the rule can be applied to all frames and compared.
    /// </summary>
    private static FrameResult? AcceptKeyframeRun(SegmentRunResult run, SegmentClock clock, SamplingOptions sampling, SamplingGrid grid, StreamAnalysisState state, out bool? held)
    {
        held = false;
        if (!run.Succeeded || run.Frames.Count == 0)
        {
            return null;
        }

        var result = BuildFrames(run, clock, sampling, grid, state, FrameSource.Keyframes);
        var timeBase = run.Log.Banner.Video?.TimeBaseDenominator ?? Pts.TicksPerSecond;
        var packets = run.Log.VideoPackets.Select(p => ToNinetyKilohertz(p, timeBase)).Order().ToList();
        if (result.Timeline is not { } timeline || packets.Count == 0 || packets[0] != timeline.FirstPts)
        {
            // Some frame is presented before the first keyframe: the full decode would anchor on it instead.
            return null;
        }

        var streamTicks = packets.ConvertAll(timeline.ToStreamTicks);
        var expected = grid.Select(streamTicks, state.Clock.LastFrameStreamTicks, NominalFrameTicks(run)).Select(i => packets[i]);
        held = expected.SequenceEqual(result.RawPts);
        return held == true ? result with { LastFramePts = packets[^1] } : null;
    }

    private static FrameResult BuildFrames(SegmentRunResult run, SegmentClock clock, SamplingOptions sampling, SamplingGrid? grid, StreamAnalysisState state, FrameSource source)
    {
        var timestamped = run.Frames.Where(f => f.Pts is not null).ToList();
        var captions = run.Log.CaptionsInFrames || (run.Log.Banner.Video?.Captions ?? false);
        var keyframes = source == FrameSource.Keyframes ? run.Log.DecodedKeyframes : 0;
        var lastFramePts = run.Log.AllFramePts is { Count: > 0 } all ? all.Max() : (long?)null;
        if (timestamped.Count == 0)
        {
            return new FrameResult([], [], TimelineOf(run, clock), source, captions, keyframes, lastFramePts);
        }

        var timeline = clock.Resolve(timestamped[0].Pts!.Value);
        var keepFirst = grid is null
            ? state.KeyframesSeen % sampling.KeyframeStep == 0
            : grid.IsFirstFrameSampled(timeline.FirstStreamTicks, state.Clock.LastFrameStreamTicks, NominalFrameTicks(run));

        var frames = new List<SampledFrame>(timestamped.Count);
        var rawPts = new List<long>(timestamped.Count);
        for (var i = keepFirst ? 0 : 1; i < timestamped.Count; i++)
        {
            var raw = timestamped[i];
            var pts = raw.Pts!.Value;
            var ticks = timeline.ToStreamTicks(pts);
            rawPts.Add(pts);
            frames.Add(new SampledFrame(
                frames.Count,
                timeline.ToUnwrappedPts(pts),
                Pts.ToSeconds(ticks),
                timeline.ToWallClock(ticks),
                new RgbImage(raw.Width, raw.Height, raw.Pixels)));
        }

        return new FrameResult(frames, rawPts, timeline, source, captions, keyframes, lastFramePts);
    }

    private static SegmentTimeline? TimelineOf(SegmentRunResult run, SegmentClock clock)
    {
        if (run.Log.AllFramePts is { Count: > 0 } all)
        {
            return clock.Resolve(all[0]);
        }

        if (run.Frames.FirstOrDefault(f => f.Pts is not null) is { } frame)
        {
            return clock.Resolve(frame.Pts!.Value);
        }

        return run.Log.FirstAudio is { } audio ? clock.Resolve(ToNinetyKilohertz(audio.Pts, audio.SampleRate)) : null;
    }

    private static SignalReport BuildReport(SegmentRunResult run, SignalOptions options, SegmentTimeline timeline, bool captionsInFrames, SegmentTiming timing)
    {
        var log = run.Log;
        var videoPresent = log.Banner.Video is not null;
        var audioPresent = log.Banner.HasAudio;
        var captions = captionsInFrames || log.CaptionsInFrames || (log.Banner.Video?.Captions ?? false);

        double videoZero = Pts.ToSeconds(timeline.FirstStreamTicks);
        double videoEnd = videoZero + timing.Duration;
        double videoLastFrame = videoEnd;
        if (log.AllFramePts is { Count: > 0 } all)
        {
            var last = all.Max();
            videoZero = timeline.ToStreamSeconds(all[0]);
            videoLastFrame = timeline.ToStreamSeconds(last);
            var frameTicks = NominalFrameTicks(run) ?? (all.Count > 1 ? last - all[^2] : 0);
            videoEnd = timeline.ToStreamSeconds(last + Math.Max(0, frameTicks));
        }

        var audioZero = log.FirstAudio is { } audio
            ? timeline.ToStreamSeconds(ToNinetyKilohertz(audio.Pts, audio.SampleRate))
            : videoZero;
        var audioEnd = Math.Max(videoEnd, audioZero + timing.Duration);
        return SignalReportBuilder.Build(log.Detectors, options, videoPresent, audioPresent, captions, videoZero, videoEnd, videoLastFrame, audioZero, audioEnd);
    }

    /// <summary>One nominal frame duration in 90 kHz ticks, from the frame rate in the banner.</summary>
    private static long? NominalFrameTicks(SegmentRunResult run) =>
        run.Log.Banner.Video?.FramesPerSecond is { } fps and > 0 and < 1000 ? (long)Math.Round(Pts.TicksPerSecond / fps) : null;

    /// <summary>Same rounding as ffmpeg's settb (to nearest, halves away from zero).</summary>
    private static long ToNinetyKilohertz(long pts, double timeBaseDenominator)
    {
        if (timeBaseDenominator == Pts.TicksPerSecond)
        {
            return pts;
        }

        return (long)Math.Round(pts * (decimal)Pts.TicksPerSecond / (decimal)timeBaseDenominator, MidpointRounding.AwayFromZero);
    }

    private static SignalReport ReportFromBanner(StreamBanner banner, bool captionsInFrames) =>
        new(banner.HasAudio, banner.Video is not null, captionsInFrames || (banner.Video?.Captions ?? false), [], [], [], null);

    private static async Task Observe(Task? task)
    {
        if (task is null)
        {
            return;
        }

        try
        {
            await task.ConfigureAwait(false);
        }
        catch
        {
            // The first failure is the one reported; this only makes sure the sibling run has ended.
        }
    }

    /// <param name="RawPts">Each frame's timestamp as ffmpeg reported it.</param>
    private sealed record FrameResult(
        IReadOnlyList<SampledFrame> Frames,
        IReadOnlyList<long> RawPts,
        SegmentTimeline? Timeline,
        FrameSource Source,
        bool Captions,
        long KeyframesDecoded,
        long? LastFramePts);
}
