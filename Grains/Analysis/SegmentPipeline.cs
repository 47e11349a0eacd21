using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Glance.Detection;
using Glance.Grains.Events;
using Glance.Grains.Interfaces.Streams;
using Glance.Grains.Interfaces.Ingest;
using Glance.Media.Analysis;
using Glance.Media.Fetching;
using Glance.Media.Frames;
using Glance.Media.Signals;
using Glance.Media.Timing;
using Glance.Media.Transport;
using Orleans.Streams;
using Polly;

namespace Glance.Grains.Analysis;

/// <summary>
/// The analysis pipeline of the silo that polls a stream: a bounded queue per stream (its segments in order), at most
/// a configured number of segments analysed at once on the silo, and for each segment: fetch, transport health, one
/// ffmpeg pass for frames and signal checks, the detectors, and one result message on the event's "segment-results"
/// stream. A failure is published as a failed result with its reason; nothing is dropped silently. When the silo stops,
/// <see cref="DrainAsync"/> finishes what is under analysis while the runtime can still deliver it.
/// </summary>
public sealed partial class SegmentPipeline : ISegmentHandler, IAsyncDisposable
{
    /// <summary>How often a drain asks a stream grain whether the last result was recorded: delivery takes about a tenth of a second.</summary>
    private static readonly TimeSpan DrainPollInterval = TimeSpan.FromMilliseconds(50);

    private readonly ConcurrentDictionary<string, Lane> lanes = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim gate;
    private readonly CancellationTokenSource stopping = new();
    private readonly IClusterClient cluster;
    private readonly ISourceFetcher fetcher;
    private readonly SegmentAnalyzer analyzer;
    private readonly DetectorCatalog detectors;
    private readonly DetectionRunner runner;
    private readonly IDetectionContextSource contexts;
    private readonly PipelineOptions settings;
    private readonly ResiliencePipeline clusterCalls;
    private readonly ResiliencePipeline grainCalls;
    private readonly PipelineMetrics metrics;
    private readonly TimeProvider clock;
    private readonly ILogger<SegmentPipeline> logger;
    private int disposed;
    private volatile bool draining;

    public SegmentPipeline(
        IClusterClient cluster,
        ISourceFetcher fetcher,
        SegmentAnalyzer analyzer,
        DetectorCatalog detectors,
        DetectionRunner runner,
        IDetectionContextSource contexts,
        IOptions<PipelineOptions> options,
        PipelineMetrics metrics,
        TimeProvider clock,
        ILogger<SegmentPipeline> logger)
    {
        this.cluster = cluster;
        this.fetcher = fetcher;
        this.analyzer = analyzer;
        this.detectors = detectors;
        this.runner = runner;
        this.contexts = contexts;
        this.metrics = metrics;
        this.clock = clock;
        this.logger = logger;
        settings = options.Value;
        clusterCalls = ClusterRetryPolicy.Create(settings.PublishTimeout, logger);
        grainCalls = ClusterRetryPolicy.Create(settings.PublishTimeout, logger, retryOn: ClusterRetryPolicy.IsTransientGrainCallFault);
        gate = new SemaphoreSlim(Math.Max(1, settings.MaxConcurrentSegments));
        metrics.ObserveQueue(() => lanes.Values.Sum(l => (long)l.Queue.Reader.Count));
    }

    public async ValueTask HandleAsync(SegmentHandoff segment, AnalysisResumePoint recorded, CancellationToken cancellationToken)
    {
        if (draining)
        {
            // The stream grain keeps the segment in flight in its state: the next activation hands it again.
            return;
        }

        var key = ResourceId.Scoped(segment.TenantId, segment.EventId);
        var lane = lanes.GetOrAdd(key, k => Lane.Start(k, this));
        try
        {
            await lane.Queue.Writer.WriteAsync(new Handed(segment, recorded), cancellationToken);
        }
        catch (ChannelClosedException) when (draining)
        {
            // The drain began while this waited for room in a full queue: the segment stays in flight likewise.
        }
    }

    /// <summary>
    /// Stops analysis for a silo that is stopping, while grains and stream delivery still run. Segments still queued
    /// are not started: they stay in flight at their stream grains and are handed again where the stream resumes.
    /// Segments under analysis finish, and the drain waits until the timeline has recorded every result published, so
    /// that none is left in the stream queue when Orleans stops delivering. Past <see cref="PipelineOptions.DrainTimeout"/>
    /// analysis is cancelled; what it had not published stays in flight too.
    /// </summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        draining = true;
        if (lanes.IsEmpty)
        {
            return; // no stream was analysed on this silo
        }

        foreach (var lane in lanes.Values)
        {
            lane.Queue.Writer.TryComplete();
        }

        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(settings.DrainTimeout);
        var loops = Task.WhenAll(lanes.Values.Select(l => l.Loop));
        Exception? cut = null;
        try
        {
            await loops.WaitAsync(bound.Token);
            foreach (var lane in lanes.Values.Where(l => l.LastEpoch is not null))
            {
                await WaitUntilRecordedAsync(lane, bound.Token);
            }
        }
        catch (Exception e)
        {
            // Out of time (or a timeline that would not answer): stop analysing; the state still has every segment.
            cut = e;
            await stopping.CancelAsync();
            await loops.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        var left = lanes.Values.Sum(l => l.LeftInFlight);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (cut is null)
        {
            LogDrained(logger, seconds, left);
        }
        else
        {
            LogDrainCut(logger, cut is OperationCanceledException ? null : cut, seconds, left);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Registered both as itself and as the segment handler, it may be disposed twice.
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        draining = true;
        foreach (var lane in lanes.Values)
        {
            lane.Queue.Writer.TryComplete();
        }

        await stopping.CancelAsync();
        await Task.WhenAll(lanes.Values.Select(l => l.Loop)).WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stopping.Dispose();
    }

    private async Task RunLaneAsync(Lane lane)
    {
        try
        {
            await foreach (var (segment, recorded) in lane.Queue.Reader.ReadAllAsync(stopping.Token))
            {
                if (draining)
                {
                    lane.LeftInFlight++; // not started: it stays in flight at the stream grain
                    continue;
                }

                await gate.WaitAsync(stopping.Token);
                using var scope = EventLogScope.Begin(logger, lane.Key);
                try
                {
                    if (draining)
                    {
                        lane.LeftInFlight++; // the drain began while this waited for its turn
                        continue;
                    }

                    await ProcessAsync(lane, segment, recorded, stopping.Token);
                }
                catch (Exception) when (stopping.IsCancellationRequested)
                {
                    // Stopped mid-segment: whatever the cancellation surfaced as, nothing was published; the segment
                    // stays in flight and is analysed again where the stream resumes.
                    return;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogUnexpected(logger, e, lane.Key, segment.MediaSequence);
                }
                finally
                {
                    gate.Release();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: segments still queued stay in flight at their stream grains and are handed again later.
        }
    }

    private async Task ProcessAsync(Lane lane, SegmentHandoff segment, AnalysisResumePoint recorded, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (recorded.Covers(segment.Epoch, segment.MediaSequence))
        {
            // Recorded already (handed again before the stream grain heard so): nothing to do, nothing to tell.
            metrics.Segments.Add(1, new KeyValuePair<string, object?>("outcome", "duplicate"));
            return;
        }

        if (lane.Unpublished is { } unpublished && !unpublished.Covers(segment.Epoch, segment.MediaSequence))
        {
            // A result before this one could not be published: recording this one would make that a permanent hole
            // (the timeline records in order). Leave it in flight; the stream grain hands the unpublished segment and
            // everything after it again, in order.
            metrics.Segments.Add(1, new KeyValuePair<string, object?>("outcome", "deferred"));
            return;
        }

        lane.Unpublished = null;
        var laneLast = new AnalysisResumePoint(lane.LastEpoch, lane.LastSequence, null);
        var laneBehind = recorded is { Epoch: { } recordedEpoch, Sequence: { } recordedSequence } && !laneLast.Covers(recordedEpoch, recordedSequence);
        if (lane.Analysis is null || laneBehind || laneLast.Covers(segment.Epoch, segment.MediaSequence))
        {
            // The lane's own state is of no use: it is new here (a start, a restart, a failover), it analysed this
            // segment before but the result was never recorded, or it is older than what was recorded since (the
            // stream was analysed on another silo meanwhile). Continue from what the stream grain says is recorded.
            ResumeFrom(lane, recorded, segment);
        }

        var lag = clock.GetUtcNow() - segment.SeenAt;
        metrics.Lag.Record(lag.TotalSeconds);
        SegmentAnalysisResult result;
        try
        {
            // A cluster fault here (its retries exhausted) is not the segment's: recording it as failed would keep a
            // sound segment out of the timeline for good, so it is treated like a result that could not be published.
            result = await AnalyseAsync(lane, segment, lag, started, cancellationToken);
            await PublishAsync(lane.Key, result, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            lane.Unpublished = new AnalysisResumePoint(segment.Epoch, segment.MediaSequence, null);
            lane.Analysis = null; // its clock is past a segment that was not recorded: resume from the handed point
            LogGaveUpPublishing(logger, e, lane.Key, segment.MediaSequence, settings.PublishTimeout.TotalSeconds);
            metrics.Segments.Add(1, new KeyValuePair<string, object?>("outcome", "unpublished"));
            return;
        }

        lane.LastEpoch = segment.Epoch;
        lane.LastSequence = segment.MediaSequence;
        metrics.Segments.Add(1, new KeyValuePair<string, object?>("outcome", result.Outcome == SegmentOutcome.Analysed ? "analysed" : "failed"));
        metrics.Latency.Record((result.AnalysedAt - segment.SeenAt).TotalSeconds);
    }

    private async Task<SegmentAnalysisResult> AnalyseAsync(Lane lane, SegmentHandoff segment, TimeSpan lag, long started, CancellationToken cancellationToken)
    {
        double fetchMs = 0, mediaMs = 0, detectMs = 0;
        try
        {
            var stage = Stopwatch.GetTimestamp();
            var bytes = (await fetcher.FetchSegmentAsync(segment.Uri, Range(segment.ByteRangeOffset, segment.ByteRangeLength), cancellationToken)).Bytes;
            var init = await InitSegmentAsync(lane, segment.Map, cancellationToken);
            fetchMs = Stopwatch.GetElapsedTime(stage).TotalMilliseconds;

            stage = Stopwatch.GetTimestamp();
            TransportSegmentReport? transport = null;
            if (init is null && bytes.Length >= TransportStreamAnalyzer.PacketSize && bytes[0] == 0x47)
            {
                if (segment.Discontinuity || lane.TransportEpoch != segment.Epoch)
                {
                    lane.Transport.MarkDiscontinuity();
                }

                lane.TransportEpoch = segment.Epoch;
                transport = lane.Transport.Analyze(bytes);
            }

            var request = new SegmentAnalysisRequest(
                new SegmentMedia(bytes, init),
                new SegmentTiming(segment.MediaSequence, segment.Duration)
                {
                    ProgramDateTime = segment.ProgramDateTime,
                    Discontinuity = segment.Discontinuity,
                    Restart = lane.LastEpoch is { } epoch && segment.Epoch != epoch,
                },
                lane.Analysis!)
            {
                Sampling = segment.Config.Sampling.EveryNthKeyframe is { } n
                    ? new SamplingOptions { Mode = SamplingMode.Keyframes, KeyframeStep = n }
                    : new SamplingOptions { FramesPerSecond = segment.Config.Sampling.FramesPerSecond },
                Signals = SignalOptions.Default with { VideoChecksOnAllFrames = settings.VideoChecksOnAllFrames },
            };
            var chosen = detectors.Resolve(segment.Config.Detectors, out var missing);
            if (missing.Count > 0 && lane.WarnedMissing.Add(string.Join(",", missing)))
            {
                LogMissingDetectors(logger, lane.Key, string.Join(", ", missing));
            }

            var context = await grainCalls.ExecuteAsync(async token => await contexts.GetAsync(segment.TenantId, token), cancellationToken);

            // Detection starts as soon as the frames are decoded, while ffmpeg still runs the signal checks.
            IReadOnlyList<SampledFrame> frames = [];
            Task<(IReadOnlyList<IReadOnlyList<Sighting>> PerFrame, IReadOnlyList<string> Errors)>? detection = null;
            var shed = 0;
            long detectStarted = 0;
            void StartDetection(IReadOnlyList<SampledFrame> sampled)
            {
                frames = sampled;
                if (lag > settings.MaxLag && sampled.Count > 1)
                {
                    // Behind: keep the newest half of the frames so analysis catches up with the live edge.
                    shed = sampled.Count / 2;
                    frames = sampled.Skip(shed).ToList();
                    metrics.ShedFrames.Add(shed);
                    LogBehind(logger, lane.Key, segment.MediaSequence, lag.TotalSeconds, shed);
                }

                detectStarted = Stopwatch.GetTimestamp();
                detection = runner.RunAsync(frames, chosen, context, cancellationToken);
            }

            var analysis = await analyzer.AnalyzeAsync(
                request,
                (sampled, _) =>
                {
                    StartDetection(sampled);
                    return Task.CompletedTask;
                },
                cancellationToken);
            lane.Analysis = analysis.NextState;
            mediaMs = Stopwatch.GetElapsedTime(stage).TotalMilliseconds;
            if (detection is null)
            {
                StartDetection(analysis.Frames);
            }

            var (sightings, errors) = await detection!;
            detectMs = Stopwatch.GetElapsedTime(detectStarted).TotalMilliseconds;

            var analysed = frames.Select((f, i) => new AnalysedFrame(f.Index, f.Pts, Math.Round(f.StreamTime, 3), f.WallClock, sightings[i])).ToList();
            var start = analysis.Timeline.ToStreamSeconds(analysis.Timeline.FirstPts);
            return Result(segment, SegmentOutcome.Analysed, null, start, start + segment.Duration, analysed, ResultMapping.Signals(analysis.Signals), ResultMapping.Transport(transport),
                ResultMapping.Cues(transport, analysis.Timeline), shed, errors, new SegmentTimings(Round(fetchMs), Round(mediaMs), Round(detectMs), Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds)),
                JsonSerializer.Serialize(lane.Analysis, StoredJson.Options)) with { Detectors = [.. chosen.Select(d => DetectorCatalog.ShortName(d.Name))] };
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && !ClusterRetryPolicy.IsClusterFault(e))
        {
            // Only while running: an error caused by stopping (a killed ffmpeg, an aborted fetch) says nothing about the
            // segment, and recording it as failed would stop it from ever being analysed.
            LogSegmentFailed(logger, lane.Key, segment.MediaSequence, e.Message);
            return Result(segment, SegmentOutcome.Failed, e.Message, null, null, [], null, null, [], 0, [],
                new SegmentTimings(Round(fetchMs), Round(mediaMs), Round(detectMs), Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds)), null);
        }
    }

    private SegmentAnalysisResult Result(
        SegmentHandoff segment,
        SegmentOutcome outcome,
        string? failure,
        double? start,
        double? end,
        IReadOnlyList<AnalysedFrame> frames,
        SegmentSignals? signals,
        SegmentTransport? transport,
        IReadOnlyList<SegmentCue> cues,
        int shed,
        IReadOnlyList<string> errors,
        SegmentTimings timings,
        string? state) =>
        new(segment.TenantId, segment.EventId, segment.Epoch, segment.MediaSequence, outcome, failure, start, end, segment.ProgramDateTime,
            frames, signals, transport, cues, shed, errors, timings, state, segment.SeenAt, clock.GetUtcNow())
        {
            Previous = segment.Previous,
        };

    private async Task<byte[]?> InitSegmentAsync(Lane lane, SegmentMap? map, CancellationToken cancellationToken)
    {
        if (map is null)
        {
            return null;
        }

        if (lane.MapKey != map)
        {
            lane.MapBytes = (await fetcher.FetchSegmentAsync(map.Uri, Range(map.ByteRangeOffset, map.ByteRangeLength), cancellationToken)).Bytes;
            lane.MapKey = map;
        }

        return lane.MapBytes;
    }

    /// <summary>Puts a result on the event's results stream through <see cref="ClusterRetryPolicy"/>.</summary>
    private async Task PublishAsync(string key, SegmentAnalysisResult result, CancellationToken cancellationToken)
    {
        var stream = cluster.GetStreamProvider(StreamNames.Provider).GetStream<SegmentAnalysisResult>(StreamId.Create(StreamNames.SegmentResults, key));
        var attempts = 0;
        await clusterCalls.ExecuteAsync(async _ =>
        {
            attempts++;
            await stream.OnNextAsync(result);
        }, cancellationToken);
        if (attempts > 1)
        {
            LogPublished(logger, key, result.MediaSequence, attempts);
        }
    }

    /// <summary>Polls the stream grain until the timeline has told it that the last result this lane published is recorded.</summary>
    private async Task WaitUntilRecordedAsync(Lane lane, CancellationToken cancellationToken)
    {
        var stream = cluster.GetGrainByKey<IStreamIngestGrain>(lane.Key);
        while (true)
        {
            var status = await stream.GetStatusAsync(cancellationToken);
            var recorded = new AnalysisResumePoint(status.RecordedEpoch, status.RecordedSequence, null);
            if (recorded.Covers(lane.LastEpoch!.Value, lane.LastSequence!.Value))
            {
                return;
            }

            await Task.Delay(DrainPollInterval, cancellationToken);
        }
    }

    private static void ResumeFrom(Lane lane, AnalysisResumePoint resume, SegmentHandoff segment)
    {
        lane.LastEpoch = resume.Epoch;
        lane.LastSequence = resume.Sequence;
        lane.Analysis = resume.AnalysisState is { } json
            ? JsonSerializer.Deserialize<StreamAnalysisState>(json, StoredJson.Options)
            : StreamAnalysisState.Start(eventStartWallClock: segment.Config.EventStartsAt);
    }

    private static FetchRange? Range(long? offset, long? length) => length is { } l ? new FetchRange(offset ?? 0, l) : null;

    private static double Round(double milliseconds) => Math.Round(milliseconds, 1);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pipeline for {Stream} is behind: segment {Sequence} starts {Lag:0.#} s after it appeared; {Shed} frame(s) shed")]
    private static partial void LogBehind(ILogger logger, string stream, long sequence, double lag, int shed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Segment {Sequence} of {Stream} failed: {Reason}")]
    private static partial void LogSegmentFailed(ILogger logger, string stream, long sequence, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {Stream} asks for detectors this silo does not have: {Missing}")]
    private static partial void LogMissingDetectors(ILogger logger, string stream, string missing);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pipeline for {Stream}: segment {Sequence} could not be analysed or its result published: the cluster did not answer within {Seconds:0} s; it and the segments after it stay in flight and are analysed again when the stream grain hands them again")]
    private static partial void LogGaveUpPublishing(ILogger logger, Exception exception, string stream, long sequence, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pipeline for {Stream}: the result of segment {Sequence} was published at attempt {Attempt}")]
    private static partial void LogPublished(ILogger logger, string stream, long sequence, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Segment pipeline drained for shutdown in {Seconds:0.0} s: analysis under way finished and was recorded; {Left} queued segment(s) stay in flight and are analysed where their streams resume")]
    private static partial void LogDrained(ILogger logger, double seconds, int left);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Segment pipeline drain cut off after {Seconds:0.0} s (Pipeline:DrainTimeout): analysis still under way was cancelled; it and {Left} queued segment(s) stay in flight and are analysed where their streams resume")]
    private static partial void LogDrainCut(ILogger logger, Exception? exception, double seconds, int left);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pipeline for {Stream} failed unexpectedly on segment {Sequence}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string stream, long sequence);

    /// <summary>A segment as its stream grain handed it, with what was recorded at the time.</summary>
    private sealed record Handed(SegmentHandoff Segment, AnalysisResumePoint Recorded);

    /// <summary>One stream's queue and what analysis carries from segment to segment.</summary>
    private sealed class Lane
    {
        private Lane(string key, int capacity)
        {
            Key = key;
            Queue = Channel.CreateBounded<Handed>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        }

        public string Key { get; }

        public Channel<Handed> Queue { get; }

        public Task Loop { get; private set; } = Task.CompletedTask;

        public StreamAnalysisState? Analysis { get; set; }

        public int? LastEpoch { get; set; }

        /// <summary>A segment whose result could not be published; later segments wait until it is handed again.</summary>
        public AnalysisResumePoint? Unpublished { get; set; }

        public long? LastSequence { get; set; }

        public TransportStreamAnalyzer Transport { get; } = new();

        public int? TransportEpoch { get; set; }

        public SegmentMap? MapKey { get; set; }

        public byte[]? MapBytes { get; set; }

        public HashSet<string> WarnedMissing { get; } = [];

        /// <summary>Queued segments a drain did not start; only the lane's own loop counts them.</summary>
        public int LeftInFlight { get; set; }

        public static Lane Start(string key, SegmentPipeline pipeline)
        {
            var lane = new Lane(key, Math.Max(1, pipeline.settings.QueueCapacityPerStream));
            lane.Loop = Task.Run(() => pipeline.RunLaneAsync(lane));
            return lane;
        }
    }
}
