using System.Text.Json;
using Glance.Grains.Interfaces.Streams;
using Glance.Grains.Monitoring.Incidents;
using Glance.Grains.Webhooks;
using Glance.Storage;
using Orleans.Streams;

namespace Glance.Grains.Monitoring;

[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
public sealed class EventMonitorState
{
    public bool Described { get; set; }

    public DateTimeOffset? StartsAt { get; set; }

    public List<ScheduledProgram> Programs { get; set; } = [];

    public CheckSettings? Settings { get; set; }

    public long Version { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }
}

/// <summary>
/// One event's monitoring. It is a second implicit subscriber of "segment-results", beside the timeline: each consumer
/// has its own delivery cursor, so checking a segment never delays recording it, and nothing flows back to the
/// pipeline or the stream grain. Per segment it writes one record (the checks) and no grain state, so switches and
/// the schedule, read from memory, apply from the next segment on.
/// </summary>
[GrainType("event-monitor")]
[ImplicitStreamSubscription(StreamNames.SegmentResults)]
public sealed partial class EventMonitorGrain(
    [PersistentState("monitor")] IPersistentState<EventMonitorState> monitor,
    IStorageProvider storage,
    IOptions<MonitoringOptions> options,
    TimeProvider clock,
    ILogger<EventMonitorGrain> logger) : Grain, IEventMonitorGrain
{
    private static readonly JsonSerializerOptions Json = StoredJson.Options;

    /// <summary>How many of the newest incidents a query or a rebuild reads.</summary>
    private const int MaxIncidentsRead = 1000;
    private readonly SegmentEvaluator evaluator = new(options.Value);
    private volatile View view = new(false, null, [], null, 0, null);

    private string EventKey => this.GetPrimaryKeyString();

    private string EventId => ResourceId.Unscope(EventKey).Id;

    private string ChecksPartition => MonitoringKeys.ChecksPartition(EventKey);

    private string IncidentsPartition => MonitoringKeys.IncidentsPartition(EventKey);

    /// <summary>Built on the first segment after an activation from what was recorded (see <see cref="TrackerAsync"/>).</summary>
    private IncidentTracker? incidents;

    private IAsyncStream<LiveMonitorUpdate>? live;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await this.GetStreamProvider(StreamNames.Provider)
            .GetStream<SegmentAnalysisResult>(StreamId.Create(StreamNames.SegmentResults, EventKey))
            .SubscribeAsync((result, _) => ApplyAsync(result, CancellationToken.None));
        Publish();
    }

    public async Task DescribeEventAsync(DateTimeOffset startsAt, CancellationToken cancellationToken = default)
    {
        if (monitor.State.Described && monitor.State.StartsAt == startsAt)
        {
            return;
        }

        monitor.State.Described = true;
        monitor.State.StartsAt = startsAt;
        await monitor.WriteStateAsync(cancellationToken);
        Publish();
    }

    public async Task ClearAsync(CancellationToken cancellationToken = default)
    {
        await storage.SortedRecords.DeleteRangeAsync(ChecksPartition, SortKeyRange.All, cancellationToken);
        await storage.SortedRecords.DeleteRangeAsync(IncidentsPartition, SortKeyRange.All, cancellationToken);
        incidents = null;
        await monitor.ClearStateAsync(cancellationToken);
        monitor.State = new EventMonitorState();
        Publish();
        DeactivateOnIdle();
    }

    public async Task<ProgramSchedule> PutScheduleAsync(IReadOnlyList<ScheduledProgram?> programs, CancellationToken cancellationToken = default)
    {
        EnsureDescribed();
        var validated = ScheduleRules.Validate(programs ?? throw new ValidationFailedException("programs", "A schedule lists its programs."));
        monitor.State.Programs = [.. validated];
        monitor.State.Version++;
        monitor.State.UpdatedAt = clock.GetUtcNow();
        await monitor.WriteStateAsync(cancellationToken);
        Publish();
        LogScheduleChanged(logger, EventKey, validated.Count, monitor.State.Version);
        return Schedule(view);
    }

    public Task<ProgramSchedule> ImportCsvAsync(string csv, CancellationToken cancellationToken = default)
    {
        EnsureDescribed();
        return PutScheduleAsync(ScheduleCsv.Parse(csv, monitor.State.StartsAt!.Value), cancellationToken);
    }

    public Task<ProgramSchedule> GetScheduleAsync(CancellationToken cancellationToken = default)
    {
        var current = view;
        return current.Described ? Task.FromResult(Schedule(current)) : throw NotFound();
    }

    public async Task<CheckSettings> PutSettingsAsync(CheckSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        EnsureDescribed();
        if (settings.Thresholds is { } thresholds && ThresholdRules.Check(thresholds) is { Count: > 0 } errors)
        {
            throw new ValidationFailedException(errors.ToDictionary(e => "thresholds." + e.Key, e => new[] { e.Value }));
        }

        monitor.State.Settings = settings;
        await monitor.WriteStateAsync(cancellationToken);
        Publish();
        return settings;
    }

    public Task<CheckSettings> GetSettingsAsync(CancellationToken cancellationToken = default)
    {
        var current = view;
        return current.Described ? Task.FromResult(current.Settings ?? new CheckSettings()) : throw NotFound();
    }

    public async Task ApplyAsync(SegmentAnalysisResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var current = view;
        if (!current.Described)
        {
            return; // results of a deleted (or never registered) event
        }

        var checks = evaluator.Evaluate(result, current.Programs, current.Settings, current.StartsAt, clock.GetUtcNow());
        var tracker = await TrackerAsync(cancellationToken);
        await storage.SortedRecords.PutAsync(ChecksPartition, [new SortedRecord(result.MediaSequence, JsonSerializer.SerializeToUtf8Bytes(checks, Json))], cancellationToken);
        LogChecked(logger, EventKey, result.MediaSequence, checks.ProgramId, checks.Checks.Count(c => c.Status == CheckStatus.Fail));
        await PublishLiveAsync([LiveUpdates.Segment(EventId, checks)]);
        await RecordAsync(tracker.Apply(checks), cancellationToken);
    }

    public async Task<IReadOnlyList<MonitoringIncident>> GetIncidentsAsync(IncidentState? state, MonitoringCheck? check, int limit, CancellationToken cancellationToken = default)
    {
        EnsureDescribed();
        // Newest first; a filter is applied over a bounded window of the most recent incidents, no filter reads only the page.
        var take = Math.Clamp(limit, 1, MaxIncidentsRead);
        var read = state is null && check is null ? take : MaxIncidentsRead;
        var page = await storage.SortedRecords.QueryAsync(IncidentsPartition, SortKeyRange.All, read, null, descending: true, cancellationToken);
        return page.Records
            .Select(r => JsonSerializer.Deserialize<MonitoringIncident>(r.Data.Span, Json)!)
            .Where(i => (state is null || i.State == state) && (check is null || i.Check == check))
            .Take(take)
            .ToList();
    }

    /// <summary>
    /// The tracker, rebuilt after an activation: the incidents recorded (open ones and the numbering), then the last
    /// segments' checks replayed for the streaks under way. An incident the replay opens that was not recorded (the
    /// silo stopped between the two writes) is recorded now.
    /// </summary>
    private async Task<IncidentTracker> TrackerAsync(CancellationToken cancellationToken)
    {
        if (incidents is { } built)
        {
            return built;
        }

        var settings = options.Value;
        var tracker = new IncidentTracker(settings.IncidentOpenAfter, settings.IncidentCloseAfter);
        var recorded = await storage.SortedRecords.QueryAsync(IncidentsPartition, SortKeyRange.All, MaxIncidentsRead, null, descending: true, cancellationToken);
        tracker.Restore(recorded.Records.Select(r => JsonSerializer.Deserialize<MonitoringIncident>(r.Data.Span, Json)!));
        var replay = Math.Max(settings.IncidentOpenAfter, settings.IncidentCloseAfter);
        var recent = await storage.SortedRecords.QueryAsync(ChecksPartition, SortKeyRange.All, replay, null, descending: true, cancellationToken);
        var missed = new List<MonitoringIncident>();
        foreach (var record in recent.Records.Reverse())
        {
            missed.AddRange(tracker.Apply(JsonSerializer.Deserialize<SegmentChecks>(record.Data.Span, Json)!));
        }

        await RecordAsync(missed, cancellationToken);
        incidents = tracker;
        return tracker;
    }

    private async Task RecordAsync(IReadOnlyList<MonitoringIncident> changes, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
        {
            return;
        }

        await storage.SortedRecords.PutAsync(IncidentsPartition, [.. changes.Select(i => new SortedRecord(i.Number, JsonSerializer.SerializeToUtf8Bytes(i, Json)))], cancellationToken);
        await PublishLiveAsync([.. changes.Select(i => LiveUpdates.Incident(EventId, i))]);
        foreach (var change in changes)
        {
            if (change.State == IncidentState.Open)
            {
                LogIncidentOpened(logger, EventKey, change.Number, change.Check, change.OpenedAtSequence, change.Reason);
            }
            else
            {
                LogIncidentClosed(logger, EventKey, change.Number, change.Check, change.ClosedAtSequence);
            }
        }

        await IncidentWebhooks.QueueAsync(GrainFactory, EventKey, changes, clock.GetUtcNow(), logger, cancellationToken);
    }

    /// <remarks>An event registered before monitoring existed has no described monitor until it is next saved: its
    /// segments answer "not checked" rather than making the segment itself unknown.</remarks>
    public async Task<SegmentChecks?> GetSegmentChecksAsync(long sequence, CancellationToken cancellationToken = default)
    {
        if (!view.Described)
        {
            return null;
        }

        var page = await storage.SortedRecords.QueryAsync(ChecksPartition, new SortKeyRange(sequence, sequence), 1, null, descending: false, cancellationToken);
        return page.Records.Count == 0 ? null : JsonSerializer.Deserialize<SegmentChecks>(page.Records[0].Data.Span, Json);
    }

    public async Task<IReadOnlyList<SegmentChecks>> GetChecksAsync(long? afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        EnsureDescribed();
        var range = new SortKeyRange(afterSequence is { } after ? after + 1 : long.MinValue, long.MaxValue);
        var page = await storage.SortedRecords.QueryAsync(ChecksPartition, range, Math.Clamp(limit, 1, 1000), null, descending: false, cancellationToken);
        return page.Records.Select(r => JsonSerializer.Deserialize<SegmentChecks>(r.Data.Span, Json)!).ToList();
    }

    public async Task<LiveMonitorState> GetLiveStateAsync(long? afterSequence, CancellationToken cancellationToken = default)
    {
        EnsureDescribed();
        // A resuming client gets what it missed when that is little; otherwise (or fresh) the newest segment only.
        var page = afterSequence is { } after
            ? await storage.SortedRecords.QueryAsync(ChecksPartition, new SortKeyRange(after + 1, long.MaxValue), MonitoringLimits.MaxLiveReplay + 1, null, descending: false, cancellationToken)
            : null;
        if (page is null || page.Records.Count > MonitoringLimits.MaxLiveReplay)
        {
            page = await storage.SortedRecords.QueryAsync(ChecksPartition, SortKeyRange.All, 1, null, descending: true, cancellationToken);
        }

        var segments = page.Records.Select(r => LiveUpdates.Segment(EventId, JsonSerializer.Deserialize<SegmentChecks>(r.Data.Span, Json)!)).ToList();
        var open = await GetIncidentsAsync(IncidentState.Open, null, MonitoringLimits.MaxLiveOpenIncidents, cancellationToken);
        return new LiveMonitorState(EventId, segments, open);
    }

    /// <summary>
    /// The live dashboard's feed is best effort: the checks and incidents are recorded already, and a feed that missed
    /// an update catches up from <see cref="GetLiveStateAsync"/>. A failed publish is logged, never a failed segment.
    /// </summary>
    private async Task PublishLiveAsync(IReadOnlyList<LiveMonitorUpdate> updates)
    {
        try
        {
            live ??= this.GetStreamProvider(StreamNames.Provider).GetStream<LiveMonitorUpdate>(StreamId.Create(StreamNames.MonitorLive, ResourceId.Unscope(EventKey).TenantId));
            foreach (var update in updates)
            {
                await live.OnNextAsync(update);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogLivePublishFailed(logger, EventKey, e);
        }
    }

    private ProgramSchedule Schedule(View current) => new(EventId, current.Programs, current.Version, current.UpdatedAt);

    /// <summary>Interleaved reads see a published snapshot, never the state a turn is replacing.</summary>
    private void Publish()
    {
        var s = monitor.State;
        view = new View(s.Described, s.StartsAt, [.. s.Programs], s.Settings, s.Version, s.UpdatedAt);
    }

    private void EnsureDescribed()
    {
        if (!view.Described)
        {
            throw NotFound();
        }
    }

    private ResourceNotFoundException NotFound() => new("Event", EventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Monitor {Event}: schedule replaced, {Programs} programs, version {Version}")]
    private static partial void LogScheduleChanged(ILogger logger, string @event, int programs, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Monitor {Event}: incident {Number} opened: {Check} failing since segment {Sequence}: {Reason}")]
    private static partial void LogIncidentOpened(ILogger logger, string @event, long number, MonitoringCheck check, long sequence, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Monitor {Event}: incident {Number} ({Check}) closed at segment {Sequence}")]
    private static partial void LogIncidentClosed(ILogger logger, string @event, long number, MonitoringCheck check, long? sequence);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Monitor {Event}: segment {Sequence} checked against program {Program}, {Failed} checks failed")]
    private static partial void LogChecked(ILogger logger, string @event, long sequence, string? program, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Monitor {Event}: a live dashboard update could not be published; open feeds catch up on reconnect")]
    private static partial void LogLivePublishFailed(ILogger logger, string @event, Exception exception);

    private sealed record View(bool Described, DateTimeOffset? StartsAt, IReadOnlyList<ScheduledProgram> Programs, CheckSettings? Settings, long Version, DateTimeOffset? UpdatedAt);
}
