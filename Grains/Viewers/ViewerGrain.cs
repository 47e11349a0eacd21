using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using Glance.Grains.Engagement;
using Glance.Grains.Engagement.Learning;
using Glance.Grains.Interfaces.Viewers;
using Glance.Storage;
using Orleans.Storage;

namespace Glance.Grains.Viewers;

[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
public sealed class ViewerState
{
    public ViewerProfile? Profile { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The last engagement's sequence number.</summary>
    public long Sequence { get; set; }

    /// <summary>Newest last, at most <see cref="EngagementOptions.MaxEngagementHistory"/>.</summary>
    public List<EngagementRecord> Engagements { get; set; } = [];

    /// <summary>
    /// Oldest first, at most <see cref="EngagementOptions.MaxDecisionHistory"/>. Not in the state row: each decision is
    /// a record of its own (<see cref="ViewerDecisionRows"/>), read back when the viewer is activated.
    /// </summary>
    [JsonIgnore]
    public DecisionLog Decisions { get; set; } = new();

    /// <summary>How many decisions the viewer was ever served: the number of the newest one.</summary>
    public long DecisionSequence { get; set; }

    /// <summary>Servings per "event/instrument", for caps and spacing; at most <see cref="EngagementOptions.MaxServedCounters"/>.</summary>
    public Dictionary<string, ServedCount> Served { get; set; } = new(StringComparer.Ordinal);

    /// <summary>A state stored before decisions had records of their own kept its history here; read once, then moved.</summary>
    [JsonPropertyName("decisions")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<DecisionRecord>? StoredDecisions { get; set; }

    public bool HasHistory() => Engagements.Count > 0 || Decisions.Count > 0 || Served.Count > 0;

    /// <summary>
    /// Lists and counters copied, their (immutable) records shared; the decision log is shared too (copying it would
    /// copy the whole bounded history on every write): a writer takes back what it added with the log's checkpoint.
    /// </summary>
    public ViewerState Copy() => new()
    {
        Profile = Profile,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        Sequence = Sequence,
        Engagements = [.. Engagements],
        Decisions = Decisions,
        DecisionSequence = DecisionSequence,
        StoredDecisions = StoredDecisions,
        Served = new(Served, StringComparer.Ordinal),
    };
}

/// <summary>
/// A viewer of a tenant: what they told us about themselves, what they were served and how they responded.
/// Profiles and engagements are written before they are answered. Decisions are written behind: a decision is held in
/// memory and written with the next engagement, on a timer (<see cref="EngagementOptions.DecisionSaveInterval"/>), on
/// deactivation, or before it is answered when <see cref="EngagementOptions.MaxUnsavedDecisions"/> are already held or
/// its instrument has a per-viewer cap (caps hold across a crash; spacing and the decision records may lose up to those
/// bounds). A decision is asked for far more often than anything else, and a crash that forgets one costs a repeat
/// sooner than its spacing allows, not a fact the viewer reported. Decisions are records of their own
/// (<see cref="ViewerDecisionRows"/>): a row write puts the row first and then the records made since; the timer and a
/// decision at the unsaved bound put the records alone, and an activation counts records after the row's number into
/// the serving counts.
/// </summary>
[GrainType("viewer")]
public sealed partial class ViewerGrain(
    [PersistentState("viewer")] IPersistentState<ViewerState> viewer,
    IStorageProvider storage,
    TimeProvider clock,
    IInstrumentRanker ranker,
    InstrumentCatalogCache catalogs,
    IOptions<EngagementOptions> options,
    IOptions<LearningOptions> learning,
    ILogger<ViewerGrain> logger) : Grain, IViewerGrain
{
    /// <summary>How many of the newest decisions in memory are not durable anywhere yet (bounded by <see cref="EngagementOptions.MaxUnsavedDecisions"/>).</summary>
    private int heldCount;

    /// <summary>
    /// How many of the newest decisions in memory the stored row does not count yet (held, or written by the timer as
    /// records alone): a row write that finds another writer's state in the store applies them to that state instead
    /// of losing them with the stale memory.
    /// </summary>
    private int rowLag;

    /// <summary>The number of the newest decision whose record is written; behind the state's after a failed record write.</summary>
    private long recordsWritten;

    /// <summary>Records numbered up to here are deleted (or were never written by this activation's reckoning).</summary>
    private long recordsTrimmed;

    private ViewerDecisionRows? rows;

    private (string TenantId, string Id)? ids;
    private string? decidedEventId;
    private string? decidedEventKey;
    private string? decisionIdPrefix;
    private uint decisionCount;

    private IGrainTimer? saveTimer;
    private bool saveScheduled;

    /// <summary>A write failed and the activation is going: what memory holds is not to be written on the way out.</summary>
    private bool forgetting;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var state = viewer.State;
        if (state.StoredDecisions is { } stored)
        {
            // Stored before decisions had records: written as records now (again, identically, should this activation
            // end before the state row is written without the list).
            state.Decisions = DecisionLog.Load(stored);
            state.DecisionSequence = stored.Count;
            state.StoredDecisions = null;
            await Rows.AppendAsync(state.Decisions, state.DecisionSequence, 0, cancellationToken);
        }
        else
        {
            // Records above the row's number were written by the timer alone: the row's serving counts do not have them yet.
            var kept = await Rows.ReadNewestAsync(options.Value.MaxDecisionHistory, cancellationToken);
            if (kept.Count > 0)
            {
                state.Decisions = DecisionLog.Load([.. kept.Select(k => k.Record)]);
                foreach (var (number, record) in kept)
                {
                    if (number > state.DecisionSequence)
                    {
                        CountServing(state, record, options.Value);
                    }
                }

                rowLag = (int)Math.Min(kept.Count, Math.Max(0, kept[^1].Number - state.DecisionSequence));
                state.DecisionSequence = Math.Max(state.DecisionSequence, kept[^1].Number);
                state.Decisions.DropLearningBefore(LearningExpiry(clock.GetUtcNow(), learning.Value.AttributionWindow));
            }
        }

        recordsWritten = state.DecisionSequence;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => WriteHeldAsync(onTimer: false, cancellationToken);

    public async Task<(ViewerProfileView View, bool Created)> PutProfileAsync(ViewerProfile profile, CancellationToken cancellationToken = default)
    {
        var normalized = ViewerProfileRules.Normalize(profile);
        var now = clock.GetUtcNow();
        var created = false;
        await WriteAsync(
            s =>
            {
                // Decided on the state the write lands on: after an ETag conflict that is the reloaded one.
                created = s.Profile is null;
                s.CreatedAt = created ? now : s.CreatedAt;
                s.Profile = normalized;
                s.UpdatedAt = now;
                return s;
            },
            cancellationToken);
        return (View(), created);
    }

    public Task<ViewerProfileView> GetProfileAsync(CancellationToken cancellationToken = default) => Task.FromResult(View());

    public async Task DeleteProfileAsync(CancellationToken cancellationToken = default)
    {
        if (viewer.State.Profile is null && !viewer.State.HasHistory())
        {
            throw new ResourceNotFoundException("Viewer profile", ViewerId);
        }

        // The records first: a failure leaves the profile in place to delete again, never records without a profile.
        await Rows.DeleteAllAsync(cancellationToken);
        await viewer.ClearStateAsync(cancellationToken);
        viewer.State = new ViewerState();
        heldCount = rowLag = 0; // what they were shown is erased with the rest, not written back by the timer
        recordsWritten = recordsTrimmed = 0;
    }

    public async Task<InstrumentDecision?> NextInstrumentAsync(DecisionRequest request, CancellationToken cancellationToken = default)
    {
        var tenantId = TenantId;
        var eventKey = EventKey(request.EventId);
        var eventId = decidedEventId!; // the instance EventKey keeps: the held decision records share it, not each request's copy
        var timeline = GrainFactory.GetGrainByKey<IEventTimelineGrain>(eventKey);
        var position = request.Position ?? await timeline.PositionAtAsync(request.At ?? clock.GetUtcNow(), cancellationToken);
        var window = await timeline.GetContextAsync(position, request.Before, request.After, cancellationToken);
        var instruments = await catalogs.GetAsync(eventKey, cancellationToken);
        var now = clock.GetUtcNow();
        var profile = viewer.State.Profile is { Personalization: true } p ? p : null;
        var context = new RankingContext(tenantId, eventId, position, window.Entities, profile, now, profile is null ? null : History(viewer.State));
        var limits = options.Value;
        var served = viewer.State.Served;
        var candidates = InstrumentEligibility.Candidates(instruments, context, request.Kinds, id => ServedCounters.Find(served, eventId, id), limits.DismissalSuppression);
        if (candidates.Count == 0)
        {
            LogNothingQualifies(logger, tenantId, ViewerId, eventId, position, instruments.Count);
            return null;
        }

        var choice = await ranker.ChooseAsync(context, candidates, cancellationToken);
        var chosen = choice.Chosen.Instrument;
        var decision = new DecisionRecord(
            DecisionIds.Format(decisionIdPrefix ??= DecisionIds.NewHead(), ++decisionCount),
            eventId,
            chosen.Id,
            chosen.Definition.Kind,
            chosen.Definition.Question?.Choices.Count ?? chosen.Definition.Poll?.Options.Count ?? 0,
            chosen.Definition.Question?.Answer,
            position,
            now,
            choice.Ranker,
            choice.Propensity,
            choice.Learning);
        var attribution = learning.Value.AttributionWindow;
        if (chosen.Definition.MaxPerViewer is not null || (heldCount >= limits.MaxUnsavedDecisions && rowLag + 1 >= RowLagBound(limits)))
        {
            // A cap is what an advertiser pays for: it must not reopen after a crash, so the row's count is written.
            await WriteAsync(s => RecordServing(s, decision, limits, attribution, decisionIdPrefix), cancellationToken);
        }
        else if (heldCount >= limits.MaxUnsavedDecisions)
        {
            // The bound on unsaved decisions is what the documentation promises a crash loses at most: the records
            // suffice for that (an activation counts them), one small insert where the row made it two transactions.
            await WriteWithHeldRecordsAsync(decision, limits, attribution);
        }
        else
        {
            RecordServing(viewer.State, decision, limits, attribution, decisionIdPrefix);
            heldCount++;
            rowLag++;
            ScheduleSave(limits.DecisionSaveInterval);
        }

        if (logger.IsEnabled(LogLevel.Debug))
        {
            LogDecision(logger, tenantId, ViewerId, eventId, decision.DecisionId, chosen.Id, choice.Ranker, choice.Propensity, candidates.Select(c => c.Instrument.Id).ToArray(), position);
        }

        return new InstrumentDecision(
            decision.DecisionId,
            eventId,
            position,
            Served(chosen),
            choice.Chosen.Matched,
            Explain(chosen, choice, window, profile is not null, viewer.State.Profile is not null),
            profile is not null,
            choice.Ranker,
            choice.Propensity,
            candidates.Count);
    }

    public async Task<EngagementReceipt> EngageAsync(EngagementReport report, CancellationToken cancellationToken = default)
    {
        EngagementRules.CheckKey(report);
        var tenantId = TenantId;
        var earlier = viewer.State.Engagements.Find(e => e.IdempotencyKey == report.IdempotencyKey);
        var decision = viewer.State.Decisions.Find(report.DecisionId);
        if (earlier is not null)
        {
            var same = earlier.Receipt;
            if (same.DecisionId != report.DecisionId || same.Type != report.Type || same.Choice != report.Choice)
            {
                throw new ResourceConflictException("The idempotency key was sent before with a different engagement; use a new key for a new engagement.");
            }

            // The first attempt may have failed after its write and before the tally counted it: count it now (the
            // tally recognises a repeat by the sequence number).
            await TallyAsync(tenantId, same, decision?.Options ?? 0, cancellationToken);
            Learn(tenantId, decision, same);
            return same with { Replayed = true };
        }

        if (decision is null)
        {
            throw new ValidationFailedException("decisionId", $"This viewer has no decision '{report.DecisionId}' (the last {options.Value.MaxDecisionHistory} are kept).");
        }

        var correct = EngagementRules.Check(report, decision);
        var now = clock.GetUtcNow();
        var limits = options.Value;
        EngagementReceipt? receipt = null;
        await WriteAsync(
            s =>
            {
                receipt = new EngagementReceipt(s.Sequence + 1, decision.DecisionId, decision.EventId, decision.InstrumentId, report.Type, report.Choice, correct, now);
                s.Sequence = receipt.Sequence;
                s.Engagements.Add(new EngagementRecord(report.IdempotencyKey, receipt));
                Trim(s.Engagements, limits.MaxEngagementHistory);
                if (report.Type == EngagementType.Dismiss)
                {
                    var key = ServedCounters.Key(decision.EventId, decision.InstrumentId);
                    s.Served[key] = (s.Served.TryGetValue(key, out var count) ? count : new ServedCount(0, decision.ServedAt)) with { DismissedAt = now };
                }

                return s;
            },
            cancellationToken);
        if (ViewerHistory.IsReward(report.Type))
        {
            viewer.State.Decisions.MarkRewarded(decision.DecisionId);
        }

        await TallyAsync(tenantId, receipt!, decision.Options, cancellationToken);
        Learn(tenantId, decision, receipt!);
        return receipt!;
    }

    public Task<IReadOnlyList<EngagementReceipt>> GetEngagementsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<EngagementReceipt>>([.. viewer.State.Engagements.Select(e => e.Receipt).Reverse()]);

    private string ViewerId => (ids ??= ResourceId.Unscope(this.GetPrimaryKeyString())).Id;

    private ViewerDecisionRows Rows => rows ??= new ViewerDecisionRows(storage.SortedRecords, this.GetPrimaryKeyString());

    private string TenantId => (ids ??= ResourceId.Unscope(this.GetPrimaryKeyString())).TenantId;

    /// <summary>
    /// "tenant/event" of the event decided for, kept while the viewer keeps asking about the same event (as a device
    /// does), so a decision does not build the key again; <see cref="decidedEventId"/> is the event id it was built from.
    /// </summary>
    private string EventKey(string eventId)
    {
        if (decidedEventKey is null || !string.Equals(eventId, decidedEventId, StringComparison.Ordinal))
        {
            decidedEventId = eventId;
            decidedEventKey = ResourceId.Scoped(TenantId, eventId);
        }

        return decidedEventKey;
    }

    /// <summary>
    /// Applies <paramref name="update"/> to a copy of the state and writes it with the decisions held. When the write
    /// fails, memory goes back to what it was: nothing unwritten is answered, and the held decisions stay held (an
    /// engagement retried after a store failure still finds its decision). A write conflict reloads the stored state and
    /// applies the held decisions and the update to it; when that fails too there is no state to go back to, and the
    /// activation is dropped instead.
    /// </summary>
    private async Task WriteAsync(Func<ViewerState, ViewerState> update, CancellationToken cancellationToken)
    {
        var before = viewer.State;
        var memory = before.Decisions;
        var checkpoint = memory.Checkpoint();
        var attempts = 0;
        try
        {
            await viewer.UpdateAsync(
                s =>
                {
                    var copy = s.Copy();
                    if (++attempts > 1)
                    {
                        // The first attempt's decision in memory is void: this state is the stored one, reloaded.
                        memory.RollBack(checkpoint);
                        Rehold(copy, memory);
                    }

                    return update(copy);
                },
                cancellationToken);
            heldCount = rowLag = 0;
        }
        catch
        {
            if (attempts == 1)
            {
                memory.RollBack(checkpoint);
                viewer.State = before;
            }
            else
            {
                Forget();
            }

            throw;
        }

        await WrittenAsync(reloaded: attempts > 1, deactivating: false);
    }

    /// <summary>
    /// After the state row was written: the records of the decisions it now counts. A failure here is not the caller's:
    /// what it asked to be durable (an engagement, a capped serving's count) is in the row; the timer tries the records
    /// again, and a crash meanwhile loses them as it would lose held decisions. After a write conflict memory holds
    /// only what was applied to the reloaded row, so once that is written the activation is dropped and the next one
    /// reads the whole history. Not cancelled with the call that wrote the row: the records are owed once the row is
    /// written (a device that hung up mid-request must not leave them to the timer); each store call has its own bound
    /// (SQLite's busy timeout, the DynamoDB client's timeouts).
    /// </summary>
    private async Task WrittenAsync(bool reloaded, bool deactivating)
    {
        var state = viewer.State;
        if (reloaded)
        {
            recordsWritten = state.DecisionSequence - state.Decisions.Count;
        }

        try
        {
            await Rows.AppendAsync(state.Decisions, state.DecisionSequence, recordsWritten, CancellationToken.None);
            recordsWritten = state.DecisionSequence;
        }
        catch (Exception e)
        {
            LogDecisionRecordsFailed(logger, this.GetPrimaryKeyString(), state.DecisionSequence - recordsWritten, e);
            if (!reloaded && !deactivating)
            {
                ScheduleSave(options.Value.DecisionSaveInterval);
            }
        }

        if (reloaded)
        {
            if (!deactivating)
            {
                Forget();
            }

            return;
        }

        await TrimAsync();
    }

    /// <summary>Deletes records that fell out of the history, half a history at a time (one range delete, not one per decision).</summary>
    private async Task TrimAsync()
    {
        var outOfHistory = recordsWritten - options.Value.MaxDecisionHistory;
        if (outOfHistory - recordsTrimmed < Math.Max(1, options.Value.MaxDecisionHistory / 2))
        {
            return;
        }

        try
        {
            await Rows.TrimAsync(outOfHistory, CancellationToken.None);
            recordsTrimmed = outOfHistory;
        }
        catch (Exception e)
        {
            // Out of the history, records are never read: the next trim takes them with the rest.
            LogDecisionTrimFailed(logger, this.GetPrimaryKeyString(), e);
        }
    }

    /// <summary>Memory cannot be trusted: drop the activation and what it held unsaved, so the next call answers from what is stored.</summary>
    private void Forget()
    {
        forgetting = true;
        DeactivateOnIdle();
    }

    private void ScheduleSave(TimeSpan interval)
    {
        if (saveScheduled)
        {
            return;
        }

        saveScheduled = true;
        if (saveTimer is null)
        {
            // Not a keep-alive: an idle viewer is collected as usual and its deactivation writes what is held.
            saveTimer = this.RegisterGrainTimer(SaveDecisionsAsync, new GrainTimerCreationOptions(interval, Timeout.InfiniteTimeSpan) { KeepAlive = false });
        }
        else
        {
            saveTimer.Change(interval, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>The timer's turn (not interleaved with the viewer's calls).</summary>
    private Task SaveDecisionsAsync(CancellationToken cancellationToken)
    {
        saveScheduled = false;
        return WriteHeldAsync(onTimer: true, cancellationToken);
    }

    /// <summary>
    /// On the timer, the records of the decisions held alone: one small insert each, where writing the row too made
    /// every write behind two transactions and saturated SQLite's single writer with a large audience (benchmarks.md,
    /// bandit). The row catches up with the next write that needs it (an engagement, a profile change, a capped
    /// serving, deactivation, or the timer once the row lags half a history: <see cref="RowLagBound"/>), and an
    /// activation counts the records after the row's number. On deactivation, the row
    /// and the records; on a write conflict, onto the stored state.
    /// </summary>
    private async Task WriteHeldAsync(bool onTimer, CancellationToken cancellationToken)
    {
        if (forgetting)
        {
            return;
        }

        if (onTimer && rowLag < RowLagBound(options.Value))
        {
            await WriteHeldRecordsAsync();
            return;
        }

        if (rowLag == 0 && recordsWritten >= viewer.State.DecisionSequence)
        {
            return;
        }

        var attempt = 0;
        try
        {
            if (rowLag > 0)
            {
                // The first attempt writes memory, held decisions included; a later one the stored state reloaded.
                var memory = viewer.State.Decisions;
                await viewer.UpdateAsync(s => ++attempt == 1 ? s : Rehold(s, memory), cancellationToken);
                heldCount = rowLag = 0;
            }
        }
        catch (Exception e)
        {
            // Lost as a crash would lose them, within the same bounds; records the timer wrote stay and count.
            LogDecisionSaveFailed(logger, this.GetPrimaryKeyString(), heldCount, e);
            if (onTimer && attempt > 1)
            {
                // Memory is the reloaded row with the held decisions re-applied, not this activation's history: as
                // after a request's write that failed past a reload, the next activation reads what is stored.
                Forget();
            }
            else if (onTimer)
            {
                ScheduleSave(options.Value.DecisionSaveInterval);
            }

            return;
        }

        await WrittenAsync(reloaded: attempt > 1, deactivating: !onTimer);
    }

    /// <summary>
    /// How many decisions the row may lag behind its records before the timer writes the row too: an activation counts
    /// into the serving counts only the records it reads (the newest history), and the oldest of those are trimmed as
    /// the history moves on, so a row left behind by more than that would lose servings from its counts on a restart.
    /// </summary>
    private static int RowLagBound(EngagementOptions limits) => Math.Max(1, limits.MaxDecisionHistory / 2);

    /// <summary>
    /// Serves <paramref name="decision"/> once its record and those of the decisions held are written, the row left to
    /// catch up as after the timer's records (<see cref="RowLagBound"/>). When the write fails, memory goes back to
    /// what it was and the decisions stay held, as after a failed row write.
    /// </summary>
    /// <remarks>
    /// Not cancelled with the request: once the store's group commit has taken the put it is written whatever the
    /// caller does, and a record written for a decision memory then forgot would be counted as a serving by the next
    /// activation. The store's busy timeout bounds the wait instead.
    /// </remarks>
    private async Task WriteWithHeldRecordsAsync(DecisionRecord decision, EngagementOptions limits, TimeSpan attribution)
    {
        var before = viewer.State;
        var checkpoint = before.Decisions.Checkpoint();
        var state = RecordServing(before.Copy(), decision, limits, attribution, decisionIdPrefix);
        try
        {
            await Rows.AppendAsync(state.Decisions, state.DecisionSequence, recordsWritten, CancellationToken.None);
        }
        catch
        {
            before.Decisions.RollBack(checkpoint);
            throw;
        }

        viewer.State = state;
        recordsWritten = state.DecisionSequence;
        heldCount = 0;
        rowLag++;
        await TrimAsync();
    }

    private async Task WriteHeldRecordsAsync()
    {
        var state = viewer.State;
        if (recordsWritten < state.DecisionSequence)
        {
            try
            {
                await Rows.AppendAsync(state.Decisions, state.DecisionSequence, recordsWritten, CancellationToken.None);
                recordsWritten = state.DecisionSequence;
            }
            catch (Exception e)
            {
                // The store may be back by the next attempt; the bound on unsaved decisions still holds meanwhile.
                LogDecisionSaveFailed(logger, this.GetPrimaryKeyString(), heldCount, e);
                ScheduleSave(options.Value.DecisionSaveInterval);
                return;
            }

            await TrimAsync();
        }

        heldCount = 0;
    }

    private Task TallyAsync(string tenantId, EngagementReceipt receipt, int options, CancellationToken cancellationToken) =>
        GrainFactory.GetGrainByKey<IEngagementTallyGrain>(ResourceId.Scoped(tenantId, receipt.EventId)).RecordAsync(ViewerId, receipt, options, cancellationToken);

    /// <summary>
    /// Feedback to the event's learner about one of its decisions, after the engagement is durable. One-way: the
    /// learner dedupes per decision, so a replayed engagement sends it again harmlessly; a viewer who has opted out
    /// since the decision is not learned from.
    /// </summary>
    private void Learn(string tenantId, DecisionRecord? decision, EngagementReceipt receipt)
    {
        if (decision?.Learning is not { } trace || viewer.State.Profile is not { Personalization: true })
        {
            return;
        }

        var outcome = receipt.Type switch
        {
            EngagementType.Impression => LearningOutcome.Impression,
            EngagementType.Dismiss => LearningOutcome.NoReward,
            _ => LearningOutcome.Reward,
        };
        _ = GrainFactory.GetGrainByKey<IInstrumentLearnerGrain>(ResourceId.Scoped(tenantId, decision.EventId))
            .ObserveAsync(new LearningObservation(decision.DecisionId, decision.InstrumentId, outcome, decision.Propensity, trace, receipt.RecordedAt));
    }

    /// <summary>Per kind, the viewer's recent decisions and those a click, answer, vote or purchase rewarded.</summary>
    private static ViewerHistory History(ViewerState state)
    {
        state.Decisions.MarkRewards(state.Engagements);
        var served = new int[ViewerHistory.Kinds];
        var rewards = new int[ViewerHistory.Kinds];
        state.Decisions.CountByKind(served, rewards);
        return new ViewerHistory(served, rewards);
    }

    /// <summary>Applies the held decisions of <paramref name="memory"/> that <paramref name="state"/> (reloaded after a conflict) does not have yet.</summary>
    private ViewerState Rehold(ViewerState state, DecisionLog memory)
    {
        var limits = options.Value;
        var attribution = learning.Value.AttributionWindow;
        foreach (var decision in memory.Newest(rowLag))
        {
            if (!state.Decisions.Contains(decision.DecisionId))
            {
                RecordServing(state, decision, limits, attribution);
            }
        }

        return state;
    }

    /// <summary>Pure in the state it is given (it may run again on a reloaded state after a write conflict); changes that state.</summary>
    /// <param name="idHead">The activation's decision id head, when <paramref name="decision"/>'s id is one of its own.</param>
    private static ViewerState RecordServing(ViewerState state, DecisionRecord decision, EngagementOptions limits, TimeSpan attribution, string? idHead = null)
    {
        state.Decisions.DropLearningBefore(LearningExpiry(decision.ServedAt, attribution));
        CountServing(state, decision, limits);
        state.Decisions.Add(decision, limits.MaxDecisionHistory, idHead);
        state.DecisionSequence++;
        return state;
    }

    private static void CountServing(ViewerState state, DecisionRecord decision, EngagementOptions limits)
    {
        var earlier = ServedCounters.Find(state.Served, decision.EventId, decision.InstrumentId);
        ServedCounters.Set(state.Served, decision.EventId, decision.InstrumentId, new ServedCount((earlier?.Count ?? 0) + 1, decision.ServedAt, earlier?.DismissedAt));
        if (state.Served.Count > limits.MaxServedCounters)
        {
            state.Served.Remove(state.Served.MinBy(s => s.Value.LastServedAt).Key);
        }
    }

    /// <summary>
    /// Decisions served before this no longer need their features: feedback about them can no longer count, since the
    /// attribution window opens at the impression, which follows the decision within seconds (a minute's margin).
    /// </summary>
    private static DateTimeOffset LearningExpiry(DateTimeOffset now, TimeSpan attribution) => now - attribution - TimeSpan.FromMinutes(1);

    private static void Trim<T>(List<T> list, int max)
    {
        if (list.Count > max)
        {
            list.RemoveRange(0, list.Count - max);
        }
    }

    private static ServedInstrument Served(InstrumentView instrument)
    {
        var d = instrument.Definition;
        return new ServedInstrument(instrument.Id, d.Kind, d.Name, d.Ad, d.Question is { } q ? new ServedQuestion(q.Question, q.Choices) : null, d.Poll, d.Offer);
    }

    private static string Explain(InstrumentView instrument, RankedChoice choice, ContextWindow window, bool personalized, bool hasProfile)
    {
        // One string, written in place: the matched entities are appended rather than joined into strings of their own.
        var audience = personalized ? "personalized" : hasProfile ? "not personalized: the viewer opted out" : "not personalized: the viewer has no profile";
        var matched = choice.Chosen.Matched;
        var text = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[512]);
        text.AppendFormatted(InstrumentRules.Name(instrument.Definition.Kind));
        text.AppendLiteral(" '");
        text.AppendFormatted(instrument.Definition.Name);
        text.AppendLiteral("' ");
        if (matched.Count == 0)
        {
            text.AppendLiteral("targets no entity on screen");
        }
        else
        {
            text.AppendLiteral("matched ");
            for (var i = 0; i < matched.Count; i++)
            {
                text.AppendLiteral(i == 0 ? string.Empty : ", ");
                text.AppendFormatted(matched[i].Kind);
                text.AppendLiteral(":");
                text.AppendFormatted(matched[i].Id ?? matched[i].Name);
            }
        }

        text.AppendLiteral(" in ");
        text.AppendFormatted(window.From, "0.###");
        text.AppendLiteral("-");
        text.AppendFormatted(window.To, "0.###");
        text.AppendLiteral(" s; ");
        text.AppendFormatted(choice.Reason);
        text.AppendLiteral("; ");
        text.AppendFormatted(audience);
        text.AppendLiteral(".");
        return text.ToStringAndClear();
    }

    private ViewerProfileView View()
    {
        var state = viewer.State;
        if (state.Profile is not { } p)
        {
            throw new ResourceNotFoundException("Viewer profile", ViewerId);
        }

        return new ViewerProfileView(
            ViewerId, p.AgeRange, p.Gender, p.Country, p.Languages ?? [], p.Interests ?? [], p.Segments ?? [], p.Personalization, state.CreatedAt, state.UpdatedAt);
    }

    // Debug: a service deciding thousands of times a second would write as many lines at Information. The decisions
    // and their propensities are kept in the viewer's state and the learner's log, where offline evaluation reads them.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Decision {DecisionId} for viewer {Tenant}/{Viewer} in event {Event} at {Position} s: {Instrument} by {Ranker} with propensity {Propensity} among {Candidates}")]
    private static partial void LogDecision(ILogger logger, string tenant, string viewer, string @event, string decisionId, string instrument, string ranker, double propensity, string[] candidates, double position);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Viewer {Viewer} could not write its {Count} unsaved decisions")]
    private static partial void LogDecisionSaveFailed(ILogger logger, string viewer, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Viewer {Viewer} could not write the records of its {Count} newest decisions; its state row is written, the records will be tried again")]
    private static partial void LogDecisionRecordsFailed(ILogger logger, string viewer, long count, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Viewer {Viewer} could not delete decision records out of its history; the next trim takes them")]
    private static partial void LogDecisionTrimFailed(ILogger logger, string viewer, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "No instrument qualifies for viewer {Tenant}/{Viewer} in event {Event} at {Position} s ({Instruments} in the catalog)")]
    private static partial void LogNothingQualifies(ILogger logger, string tenant, string viewer, string @event, double position, int instruments);
}
