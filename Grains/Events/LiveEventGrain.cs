using Glance.Grains.Ingest;
using Glance.Grains.Interfaces.Streams;
using Glance.Grains.Interfaces.Events;
using Glance.Grains.Interfaces.Ingest;
using Glance.Media.Fetching;
using Orleans.Streams;
namespace Glance.Grains.Events;

[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
public sealed class LiveEventGrainState
{
    public LiveEventDefinition? Definition { get; set; }

    public LiveEventState State { get; set; }

    public ManualOverride Override { get; set; }

    public string? FailureReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// A live event. A durable reminder ("schedule") reconciles what should happen with what does: it fires a lead time
/// before the start and then every reconcile interval, starting or stopping the stream grain by the schedule and the
/// broadcaster's manual override. The event listens to its stream's events to learn of failures and of the end.
/// </summary>
[GrainType("live-event")]
[ImplicitStreamSubscription(StreamNames.IngestEvents)]
public sealed partial class LiveEventGrain(
    [PersistentState("event")] IPersistentState<LiveEventGrainState> liveEvent,
    IOptions<EventOptions> options,
    IOptions<SourceAccessOptions> sourceAccess,
    TimeProvider clock,
    ILogger<LiveEventGrain> logger) : Grain, ILiveEventGrain, IRemindable
{
    private const string ScheduleReminder = "schedule";
    private readonly EventOptions settings = options.Value;

    private string TenantId => ResourceId.Unscope(this.GetPrimaryKeyString()).TenantId;

    private string EventId => ResourceId.Unscope(this.GetPrimaryKeyString()).Id;

    private IStreamIngestGrain Stream => GrainFactory.GetGrainByKey<IStreamIngestGrain>(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await this.GetStreamProvider(StreamNames.Provider)
            .GetStream<StreamIngestEvent>(StreamId.Create(StreamNames.IngestEvents, this.GetPrimaryKeyString()))
            .SubscribeAsync((ingestEvent, _) => OnIngestEventAsync(ingestEvent));
    }

    public async Task<(LiveEventView Event, bool Created)> PutAsync(LiveEventDefinition definition, CancellationToken cancellationToken = default)
    {
        var created = !liveEvent.RecordExists;
        return (created ? await CreateAsync(definition, cancellationToken) : await ReplaceAsync(definition, cancellationToken), created);
    }

    public async Task<LiveEventView> CreateAsync(LiveEventDefinition definition, CancellationToken cancellationToken = default)
    {
        if (liveEvent.RecordExists)
        {
            throw new ResourceConflictException($"Event '{EventId}' exists already; use PUT to change it.");
        }

        LiveEventValidator.Validate(definition, settings, sourceAccess.Value.AllowFileSources);
        var now = clock.GetUtcNow();
        liveEvent.State = new LiveEventGrainState { Definition = definition, State = LiveEventState.Scheduled, CreatedAt = now, UpdatedAt = now };
        await SaveAsync(cancellationToken);
        await ReconcileAsync(cancellationToken);
        return await ViewAsync(cancellationToken);
    }

    public async Task<LiveEventView?> GetAsync(CancellationToken cancellationToken = default) =>
        liveEvent.RecordExists ? await ViewAsync(cancellationToken) : null;

    public async Task DeleteAsync(CancellationToken cancellationToken = default)
    {
        EnsureExists();
        await Stream.ForgetAsync(cancellationToken);
        if (await this.GetReminder(ScheduleReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        await GrainFactory.GetGrainByKey<IEventCatalogGrain>(TenantId).RemoveAsync(EventId, cancellationToken);
        await GrainFactory.GetGrainByKey<IEventTimelineGrain>(this.GetPrimaryKeyString()).ClearAsync(cancellationToken);
        await GrainFactory.GetGrainByKey<IInstrumentCatalogGrain>(this.GetPrimaryKeyString()).ClearAsync(cancellationToken);
        await GrainFactory.GetGrainByKey<IEngagementTallyGrain>(this.GetPrimaryKeyString()).ClearAsync(cancellationToken);
        await GrainFactory.GetGrainByKey<IInstrumentLearnerGrain>(this.GetPrimaryKeyString()).ClearAsync(cancellationToken);
        await GrainFactory.GetGrainByKey<IEventMonitorGrain>(this.GetPrimaryKeyString()).ClearAsync(cancellationToken);
        await liveEvent.ClearStateAsync(cancellationToken);
        DeactivateOnIdle();
    }

    public async Task<LiveEventView> StartAsync(CancellationToken cancellationToken = default)
    {
        EnsureExists();
        liveEvent.State.Override = ManualOverride.Started;
        liveEvent.State.FailureReason = null;
        await SaveAsync(cancellationToken);
        await ReconcileAsync(cancellationToken);
        return await ViewAsync(cancellationToken);
    }

    public async Task<LiveEventView> StopAsync(CancellationToken cancellationToken = default)
    {
        EnsureExists();
        liveEvent.State.Override = ManualOverride.Stopped;
        await SaveAsync(cancellationToken);
        await ReconcileAsync(cancellationToken);
        return await ViewAsync(cancellationToken);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // Orleans keeps one activation of the event in the cluster, so its state is current; a tick after a delete
        // (the reminder is unregistered first, but a tick may already be on its way) finds no record and does nothing.
        if (liveEvent.RecordExists)
        {
            await ReconcileAsync(CancellationToken.None);
        }
    }

    /// <summary>What should be happening now, given the schedule and the broadcaster's override.</summary>
    internal static bool ShouldIngest(LiveEventGrainState state, DateTimeOffset now, EventOptions settings) =>
        state.Override switch
        {
            ManualOverride.Started => true,
            ManualOverride.Stopped => false,
            _ => state.State != LiveEventState.Failed
                 && now >= state.Definition!.StartsAt - settings.StartLead
                 && now < state.Definition.EndsAt + settings.EndGrace,
        };

    private async Task<LiveEventView> ReplaceAsync(LiveEventDefinition definition, CancellationToken cancellationToken)
    {
        LiveEventValidator.Validate(definition, settings, sourceAccess.Value.AllowFileSources);
        liveEvent.State.Definition = definition;
        if (liveEvent.State.State is LiveEventState.Failed or LiveEventState.Ended)
        {
            liveEvent.State.State = LiveEventState.Scheduled; // a new definition deserves a new try
            liveEvent.State.FailureReason = null;
        }

        await SaveAsync(cancellationToken);
        if (await this.GetReminder(ScheduleReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder); // the schedule moved: re-arm at the new start
        }

        await ReconcileAsync(cancellationToken);
        return await ViewAsync(cancellationToken);
    }

    private async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        var state = liveEvent.State;
        var definition = state.Definition!;
        var now = clock.GetUtcNow();
        var previous = state.State;
        if (ShouldIngest(state, now, settings))
        {
            await Stream.StartAsync(
                new StreamIngestConfig(definition.Source, definition.Variant ?? new VariantPreference(), definition.Sampling ?? new SamplingPolicy(), definition.StartsAt, definition.Detectors),
                cancellationToken);
            state.State = LiveEventState.Live;
        }
        else
        {
            await Stream.StopAsync(cancellationToken);
            if (state.State != LiveEventState.Failed)
            {
                state.State = state.Override == ManualOverride.None && now < definition.StartsAt - settings.StartLead
                    ? LiveEventState.Scheduled
                    : LiveEventState.Ended;
            }
        }

        if (state.State != previous)
        {
            LogStateChanged(logger, this.GetPrimaryKeyString(), previous, state.State);
            await SaveAsync(cancellationToken);
        }

        await KeepScheduleAsync(now, cancellationToken);
    }

    /// <summary>Keeps the reminder while the event may still need to act; drops it once there is nothing left to do.</summary>
    private async Task KeepScheduleAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var state = liveEvent.State;
        var finished = state.Override != ManualOverride.Started
            && (state.State == LiveEventState.Failed || now >= state.Definition!.EndsAt + settings.EndGrace);
        var reminder = await this.GetReminder(ScheduleReminder);
        if (finished)
        {
            if (reminder is not null)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        else if (reminder is null)
        {
            // Already inside the window: due now, so that a silo taking the reminder over (a restart) fires it at once.
            var due = state.Definition!.StartsAt - settings.StartLead - now;
            await this.RegisterOrUpdateReminder(ScheduleReminder, due > TimeSpan.Zero ? due : TimeSpan.Zero, settings.ReconcileInterval);
        }
    }

    private async Task OnIngestEventAsync(StreamIngestEvent ingestEvent)
    {
        if (!liveEvent.RecordExists)
        {
            return;
        }

        switch (ingestEvent.Kind)
        {
            case StreamIngestEventKind.Failed when liveEvent.State.State != LiveEventState.Failed:
                liveEvent.State.State = LiveEventState.Failed;
                liveEvent.State.FailureReason = ingestEvent.Message;
                liveEvent.State.Override = ManualOverride.None;
                await SaveAsync(CancellationToken.None);
                break;
            case StreamIngestEventKind.Ended when liveEvent.State.State == LiveEventState.Live:
                liveEvent.State.State = LiveEventState.Ended;
                await SaveAsync(CancellationToken.None);
                break;
        }
    }

    /// <summary>Catalog first: a full catalog refuses a new event before anything about it is stored.</summary>
    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        var d = liveEvent.State.Definition!;
        await GrainFactory.GetGrainByKey<IEventCatalogGrain>(TenantId)
            .UpsertAsync(new EventSummary(EventId, d.Name, d.StartsAt, d.EndsAt, liveEvent.State.State), cancellationToken);
        liveEvent.State.UpdatedAt = clock.GetUtcNow();
        await liveEvent.WriteStateAsync(cancellationToken);
        await GrainFactory.GetGrainByKey<IEventTimelineGrain>(this.GetPrimaryKeyString()).DescribeEventAsync(d.StartsAt, cancellationToken);
        await GrainFactory.GetGrainByKey<IEventMonitorGrain>(this.GetPrimaryKeyString()).DescribeEventAsync(d.StartsAt, cancellationToken);
    }

    private async Task<LiveEventView> ViewAsync(CancellationToken cancellationToken)
    {
        var s = liveEvent.State;
        var ingest = await Stream.GetStatusAsync(cancellationToken);
        return new LiveEventView(EventId, s.Definition!, s.State, s.Override, s.FailureReason, s.CreatedAt, s.UpdatedAt, ingest);
    }

    private void EnsureExists()
    {
        if (!liveEvent.RecordExists)
        {
            throw new ResourceNotFoundException("Event", EventId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {Event}: {Previous} -> {Current}")]
    private static partial void LogStateChanged(ILogger logger, string @event, LiveEventState previous, LiveEventState current);
}
