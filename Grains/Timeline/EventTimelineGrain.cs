using System.Text.Json;
using Glance.Grains.Interfaces.Streams;
using Glance.Grains.Interfaces.Ingest;
using Glance.Storage;
using Orleans.Streams;
namespace Glance.Grains.Timeline;

[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
public sealed class EventTimelineState
{
    public bool Described { get; set; }

    public DateTimeOffset? StartsAt { get; set; }

    public int? LastEpoch { get; set; }

    public long? LastSequence { get; set; }

    public long? NewestPositionMs { get; set; }

    public long SegmentsApplied { get; set; }

    public long Version { get; set; }
}

/// <summary>
/// One event's timeline. Results arrive as turns (implicit subscription to "segment-results"); frames and statuses are
/// written to the sorted-record store keyed so that a repeated segment overwrites itself; a hot window serves context
/// queries from memory. Queries interleave with writes: they read the immutable <see cref="HotTimeline"/> snapshot.
/// </summary>
[GrainType("event-timeline")]
[ImplicitStreamSubscription(StreamNames.SegmentResults)]
public sealed partial class EventTimelineGrain(
    [PersistentState("timeline")] IPersistentState<EventTimelineState> timeline,
    IStorageProvider storage,
    IOptions<TimelineOptions> options,
    TimeProvider clock,
    ILogger<EventTimelineGrain> logger) : Grain, IEventTimelineGrain
{
    private static readonly JsonSerializerOptions Json = StoredJson.Options;
    private readonly TimelineOptions settings = options.Value;
    private volatile Snapshot snapshot = new(HotTimeline.Empty, false, null, 0);

    /// <summary>How often the stream grain hears of results set aside behind one newest record.</summary>
    private static readonly TimeSpan NoticeInterval = TimeSpan.FromSeconds(1);

    private (SegmentPosition? Newest, DateTimeOffset At)? lastNotice;
    private string? eventId;

    private string EventKey => this.GetPrimaryKeyString();

    private string EventId => eventId ??= ResourceId.Unscope(EventKey).Id;

    private string TimelinePartition => TimelineKeys.TimelinePartition(EventKey);

    private string SegmentsPartition => TimelineKeys.SegmentsPartition(EventKey);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await this.GetStreamProvider(StreamNames.Provider)
            .GetStream<SegmentAnalysisResult>(StreamId.Create(StreamNames.SegmentResults, EventKey))
            .SubscribeAsync((result, _) => ApplyAsync(result, CancellationToken.None));
        var hot = HotTimeline.Empty;
        if (timeline.State.NewestPositionMs is { } newest)
        {
            // Reload the hot window from the store: the newest frames back to the window's length. What is older than
            // the window (or beyond the read limit) is answered from the store.
            var from = newest - (long)settings.HotWindow.TotalMilliseconds;
            var frames = await ReadFramesAsync(from, newest, null, settings.MaxFramesPerQuery, cancellationToken);
            foreach (var segment in frames.GroupBy(f => (f.Epoch, f.Sequence)))
            {
                hot = hot.With(segment.ToList(), segment.Key.Epoch, segment.Key.Sequence, settings.HotWindow);
            }

            hot = hot.AsTrimmed();
        }

        Publish(hot);
    }

    public async Task DescribeEventAsync(DateTimeOffset startsAt, CancellationToken cancellationToken = default)
    {
        if (timeline.State.Described && timeline.State.StartsAt == startsAt)
        {
            return;
        }

        timeline.State.Described = true;
        timeline.State.StartsAt = startsAt;
        await timeline.WriteStateAsync(cancellationToken);
        Publish(snapshot.Hot);
    }

    public async Task ClearAsync(CancellationToken cancellationToken = default)
    {
        await storage.SortedRecords.DeleteRangeAsync(TimelinePartition, SortKeyRange.All, cancellationToken);
        await storage.SortedRecords.DeleteRangeAsync(SegmentsPartition, SortKeyRange.All, cancellationToken);
        await timeline.ClearStateAsync(cancellationToken);
        Publish(HotTimeline.Empty);
        DeactivateOnIdle();
    }

    public async Task ApplyAsync(SegmentAnalysisResult result, CancellationToken cancellationToken = default)
    {
        var state = timeline.State;
        if (!state.Described)
        {
            return; // results of a deleted (or never registered) event
        }

        if (state.LastEpoch is { } lastEpoch && (result.Epoch < lastEpoch || (result.Epoch == lastEpoch && result.MediaSequence <= state.LastSequence)))
        {
            LogDuplicate(logger, EventKey, result.Epoch, result.MediaSequence);
            Acknowledge(result);
            return;
        }

        if (result.Previous is { } previous && (state.LastEpoch != previous.Epoch || state.LastSequence != previous.Sequence))
        {
            // Its predecessor's result has not arrived (lost with a stopping silo's stream queue, or still on its way):
            // recording this one would leave a hole behind it for good. Set it aside unacknowledged and ask the stream
            // grain to hand the predecessor and what follows it again.
            ReportMissingPredecessor(result, previous);
            return;
        }

        var entries = result.Frames
            .Where(f => f.Sightings.Count > 0)
            .Select(f => new TimelineEntry(f.Position, f.WallClock, result.Epoch, result.MediaSequence, f.Index, f.Sightings))
            .ToList();
        if (entries.Count > 0)
        {
            await storage.SortedRecords.PutAsync(
                TimelinePartition,
                entries.Select(e => new SortedRecord(TimelineKeys.FrameKey(e.Position, e.Frame), JsonSerializer.SerializeToUtf8Bytes(e, Json))).ToList(),
                cancellationToken);
        }

        var status = ToStatus(result);
        await storage.SortedRecords.PutAsync(SegmentsPartition, [new SortedRecord(result.MediaSequence, JsonSerializer.SerializeToUtf8Bytes(status, Json))], cancellationToken);

        var hot = snapshot.Hot.With(entries, result.Epoch, result.MediaSequence, settings.HotWindow);
        state.LastEpoch = result.Epoch;
        state.LastSequence = result.MediaSequence;
        if (hot.Newest is { } newest)
        {
            state.NewestPositionMs = Math.Max(state.NewestPositionMs ?? long.MinValue, (long)Math.Round(newest * 1000));
        }

        state.SegmentsApplied++;
        state.Version++;
        await timeline.WriteStateAsync(cancellationToken);
        Publish(hot);
        Acknowledge(result);
    }

    public Task<ContextWindow> GetContextAsync(double position, double before, double after, CancellationToken cancellationToken = default)
    {
        if (ContextSpanErrors(before, after) is { } errors)
        {
            return Task.FromException<ContextWindow>(new ValidationFailedException(errors));
        }

        var current = snapshot;
        if (!current.Described)
        {
            return Task.FromException<ContextWindow>(new ResourceNotFoundException("Event", ResourceId.Unscope(EventKey).Id));
        }

        var from = position - before;
        var to = position + after;
        if (current.Hot.Covers(from))
        {
            // The hot path: answered from memory, synchronously.
            return Task.FromResult(new ContextWindow(EventId, position, from, to, current.Hot.Aggregate(from, to, settings.MaxContextEntities), current.Version));
        }

        return FromStoreAsync();

        async Task<ContextWindow> FromStoreAsync()
        {
            var frames = await ReadFramesAsync((long)Math.Floor(from * 1000), (long)Math.Ceiling(to * 1000), null, settings.MaxFramesPerQuery, cancellationToken);
            return new ContextWindow(EventId, position, from, to, HotTimeline.Aggregate(frames, settings.MaxContextEntities), current.Version);
        }
    }

    public Task<double> PositionAtAsync(DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var current = snapshot;
        return current.Described && current.StartsAt is { } startsAt
            ? Task.FromResult((at - startsAt).TotalSeconds)
            : throw new ResourceNotFoundException("Event", ResourceId.Unscope(EventKey).Id);
    }

    public async Task<TimelinePage> GetTimelineAsync(long fromMs, long toMs, string? kind, int limit, CancellationToken cancellationToken = default)
    {
        EnsureDescribed();
        var frames = await ReadFramesAsync(fromMs, toMs, kind, limit + 1, cancellationToken);
        var page = frames.Take(limit).ToList();
        long? next = frames.Count > limit ? (long)Math.Round(frames[limit].Position * 1000) : null;
        return new TimelinePage(page, next);
    }

    public async Task<IReadOnlyList<SegmentStatus>> GetSegmentsAsync(long? afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        EnsureDescribed();
        var range = new SortKeyRange(afterSequence is { } after ? after + 1 : long.MinValue, long.MaxValue);
        var page = await storage.SortedRecords.QueryAsync(SegmentsPartition, range, limit, null, descending: false, cancellationToken);
        return page.Records.Select(r => JsonSerializer.Deserialize<SegmentStatus>(r.Data.Span, Json)!).ToList();
    }

    public async Task<SegmentStatus?> GetSegmentAsync(long sequence, CancellationToken cancellationToken = default)
    {
        EnsureDescribed();
        var page = await storage.SortedRecords.QueryAsync(SegmentsPartition, new SortKeyRange(sequence, sequence), 1, null, descending: false, cancellationToken);
        return page.Records.Count == 0 ? null : JsonSerializer.Deserialize<SegmentStatus>(page.Records[0].Data.Span, Json);
    }

    /// <summary>A context window reaches at most <see cref="TimelineOptions.MaxContextSpan"/> either side of its position.</summary>
    private Dictionary<string, string[]>? ContextSpanErrors(double before, double after)
    {
        var span = settings.MaxContextSpan.TotalSeconds;
        Dictionary<string, string[]>? errors = null;
        foreach (var (name, value) in (ReadOnlySpan<(string, double)>)[("before", before), ("after", after)])
        {
            if (!double.IsFinite(value) || value < 0 || value > span)
            {
                (errors ??= [])[name] = [$"'{name}' is between 0 and {span:0} seconds."];
            }
        }

        return errors;
    }

    private static SegmentStatus ToStatus(SegmentAnalysisResult r) => new(
        r.MediaSequence,
        r.Epoch,
        r.Outcome,
        r.FailureReason,
        r.StreamStart,
        r.StreamEnd,
        r.ProgramDateTime,
        r.Frames.Count,
        r.Frames.Sum(f => f.Sightings.Count),
        r.ShedFrames,
        r.DetectorErrors,
        r.Signals,
        r.Transport,
        r.Cues,
        r.Timings,
        Math.Round((r.AnalysedAt - r.SeenAt).TotalSeconds, 3),
        r.AnalysedAt);

    /// <summary>Frames stored in [fromMs, toMs], in order, reading pages until <paramref name="limit"/> frames are found.</summary>
    private async Task<List<TimelineEntry>> ReadFramesAsync(long fromMs, long toMs, string? kind, int limit, CancellationToken cancellationToken)
    {
        var range = new SortKeyRange(TimelineKeys.FromMilliseconds(fromMs), TimelineKeys.FromMilliseconds(toMs) + TimelineKeys.FramesPerMillisecond - 1);
        var frames = new List<TimelineEntry>();
        string? continuation = null;
        do
        {
            var page = await storage.SortedRecords.QueryAsync(TimelinePartition, range, Math.Min(1000, limit - frames.Count), continuation, descending: false, cancellationToken);
            foreach (var record in page.Records)
            {
                var entry = JsonSerializer.Deserialize<TimelineEntry>(record.Data.Span, Json)!;
                if (kind is not null)
                {
                    var matching = entry.Sightings.Where(s => s.Kind == kind).ToList();
                    if (matching.Count == 0)
                    {
                        continue;
                    }

                    entry = entry with { Sightings = matching };
                }

                frames.Add(entry);
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null && frames.Count < limit);

        return frames;
    }

    /// <summary>
    /// Tells the stream grain the segment is stored, with the stream clock after it, without waiting: the stream grain
    /// may be mid-poll, handing segments to a full pipeline queue.
    /// </summary>
    private void Acknowledge(SegmentAnalysisResult result)
    {
        var stream = GrainFactory.GetGrainByKey<IStreamIngestGrain>(EventKey);
        _ = stream.RecordedAsync(result.Epoch, result.MediaSequence, result.AnalysisState).ContinueWith(
            t => LogAcknowledgeFailed(logger, t.Exception!.InnerException!, EventKey, result.MediaSequence),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted,
            TaskScheduler.Default);
    }

    /// <summary>
    /// Tells the stream grain, at most once a second per newest record: every result behind a lost one is set aside and
    /// would otherwise send a notice of its own.
    /// </summary>
    private void ReportMissingPredecessor(SegmentAnalysisResult result, SegmentPosition previous)
    {
        var state = timeline.State;
        LogSetAside(logger, EventKey, result.Epoch, result.MediaSequence, previous.ToString(), state.LastEpoch, state.LastSequence);
        var newest = state.LastEpoch is { } epoch && state.LastSequence is { } sequence ? new SegmentPosition(epoch, sequence) : null;
        var now = clock.GetUtcNow();
        if (lastNotice is { } last && last.Newest == newest && now - last.At < NoticeInterval)
        {
            return;
        }

        lastNotice = (newest, now);
        var stream = GrainFactory.GetGrainByKey<IStreamIngestGrain>(EventKey);
        _ = stream.PredecessorMissingAsync(new SegmentPosition(result.Epoch, result.MediaSequence), newest).ContinueWith(
            t => LogAcknowledgeFailed(logger, t.Exception!.InnerException!, EventKey, result.MediaSequence),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted,
            TaskScheduler.Default);
    }

    /// <summary>Reads the published snapshot: interleaved queries must not touch the state a turn may be replacing.</summary>
    private void EnsureDescribed()
    {
        if (!snapshot.Described)
        {
            throw new ResourceNotFoundException("Event", ResourceId.Unscope(EventKey).Id);
        }
    }

    private void Publish(HotTimeline hot) =>
        snapshot = new Snapshot(hot, timeline.State.Described, timeline.State.StartsAt, timeline.State.Version);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Timeline {Event}: segment {Epoch}/{Sequence} was applied already")]
    private static partial void LogDuplicate(ILogger logger, string @event, int epoch, long sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Timeline {Event}: segment {Epoch}/{Sequence} follows {Previous}, which is not recorded (newest {LastEpoch}/{LastSequence}); set aside until it is")]
    private static partial void LogSetAside(ILogger logger, string @event, int epoch, long sequence, string previous, int? lastEpoch, long? lastSequence);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Timeline {Event}: acknowledging segment {Sequence} failed; it may be handed again and is then de-duplicated")]
    private static partial void LogAcknowledgeFailed(ILogger logger, Exception exception, string @event, long sequence);

    private sealed record Snapshot(HotTimeline Hot, bool Described, DateTimeOffset? StartsAt, long Version);
}
