using System.Text.Json;
using Glance.Grains.Common;
using Glance.Grains.Interfaces.Common;
using Glance.Grains.Interfaces.Monitoring;
using Glance.Grains.Interfaces.Streams;
using Glance.Grains.Interfaces.Timeline;
using Glance.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
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
    private readonly SegmentEvaluator evaluator = new(options.Value);
    private volatile View view = new(false, null, [], null, 0, null);

    private string EventKey => this.GetPrimaryKeyString();

    private string EventId => ResourceId.Unscope(EventKey).Id;

    private string ChecksPartition => MonitoringKeys.ChecksPartition(EventKey);

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
        await storage.SortedRecords.PutAsync(ChecksPartition, [new SortedRecord(result.MediaSequence, JsonSerializer.SerializeToUtf8Bytes(checks, Json))], cancellationToken);
        LogChecked(logger, EventKey, result.MediaSequence, checks.ProgramId, checks.Checks.Count(c => c.Status == CheckStatus.Fail));
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Monitor {Event}: segment {Sequence} checked against program {Program}, {Failed} checks failed")]
    private static partial void LogChecked(ILogger logger, string @event, long sequence, string? program, int failed);

    private sealed record View(bool Described, DateTimeOffset? StartsAt, IReadOnlyList<ScheduledProgram> Programs, CheckSettings? Settings, long Version, DateTimeOffset? UpdatedAt);
}
