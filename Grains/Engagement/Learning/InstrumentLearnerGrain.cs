using Glance.Grains.Interfaces.Events;
using Orleans.Storage;

namespace Glance.Grains.Engagement.Learning;

[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
public sealed class LearnerState
{
    public long Version { get; set; }

    /// <summary>Set when a model starts (a first activation, a clear); see <see cref="LearnerSnapshot.Generation"/>.</summary>
    public Guid Generation { get; set; }

    /// <summary>By instrument id; at most <see cref="LearningOptions.MaxArms"/>.</summary>
    public Dictionary<string, LinUcbArm> Arms { get; set; } = new(StringComparer.Ordinal);

    public OfflineEvaluation Evaluation { get; set; } = new();
}

/// <summary>
/// An event's contextual bandit. Only feedback reaches it (one-way calls from the viewer grains); decisions read the
/// snapshots every silo caches. The model is written every <see cref="LearningOptions.SaveInterval"/> when it changed
/// and on deactivation, not per update: feedback arrives at the decision rate, and losing a few seconds of updates to
/// a crash costs a little learning, never an engagement (those are durable in the viewer grains). One save at a time:
/// the timer's and the deactivation's share the state's ETag, so the second waits for the first and then writes only
/// what changed since; a cleared model is never written back.
/// </summary>
[GrainType("instrument-learner")]
public sealed partial class InstrumentLearnerGrain(
    [PersistentState("learner")] IPersistentState<LearnerState> learner,
    IOptions<LearningOptions> options,
    TimeProvider clock,
    ILogger<InstrumentLearnerGrain> logger) : Grain, IInstrumentLearnerGrain
{
    /// <summary>How often closed attribution windows are resolved as 0 and a changed model considered for saving.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    private readonly List<ResolvedReward> resolved = [];
    private RewardAttribution attribution = null!;
    private LearnerSnapshot? snapshot;
    private long savedVersion;
    private DateTimeOffset savedAt;

    /// <summary>The save out now, if any.</summary>
    private Task? saving;

    /// <summary>The store holds a model another activation wrote, or the event was deleted: this memory is not to be written.</summary>
    private bool forgetting;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        attribution = new RewardAttribution(settings.AttributionWindow, settings.MaxPendingImpressions);
        var stale = learner.State.Arms.Where(a => a.Value.Dimension != BanditFeatures.Dimension).Select(a => a.Key).ToList();
        foreach (var arm in stale)
        {
            learner.State.Arms.Remove(arm); // a model of another feature layout cannot score today's vectors
        }

        if (learner.State.Generation == Guid.Empty)
        {
            learner.State.Generation = Guid.NewGuid();
        }

        savedVersion = learner.State.Version;
        savedAt = clock.GetUtcNow();
        this.RegisterGrainTimer(OnTickAsync, new GrainTimerCreationOptions(Tick, Tick) { KeepAlive = false });
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            await SaveChangesAsync(cancellationToken);
        }
        catch (Exception e)
        {
            LogSaveFailed(logger, this.GetPrimaryKeyString(), e);
        }
    }

    public Task ObserveAsync(LearningObservation observation)
    {
        if (forgetting)
        {
            return Task.CompletedTask; // this activation is going; the stored model is what the next one learns on
        }

        if (observation.Trace.Features.Count != BanditFeatures.Dimension)
        {
            LogUnusableObservation(logger, this.GetPrimaryKeyString(), observation.DecisionId, observation.Trace.Features.Count);
            return Task.CompletedTask;
        }

        attribution.Observe(observation, resolved);
        Apply();
        return Task.CompletedTask;
    }

    public Task<LearnerSnapshot?> GetSnapshotAsync(Guid knownGeneration, long knownVersion, CancellationToken cancellationToken = default)
    {
        var state = learner.State;
        if (knownGeneration == state.Generation && knownVersion == state.Version && knownVersion >= 0)
        {
            return Task.FromResult<LearnerSnapshot?>(null);
        }

        if (snapshot?.Version != state.Version || snapshot.Generation != state.Generation)
        {
            snapshot = new LearnerSnapshot(state.Version, BanditFeatures.Dimension, state.Arms.ToDictionary(a => a.Key, a => a.Value.Snapshot(), StringComparer.Ordinal), state.Generation);
        }

        return Task.FromResult<LearnerSnapshot?>(snapshot);
    }

    public Task<LearningReport> GetReportAsync(CancellationToken cancellationToken = default)
    {
        var state = learner.State;
        var minUpdates = options.Value.MinArmUpdates;
        var arms = state.Arms
            .OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => new ArmReport(a.Key, a.Value.Updates, a.Value.Rewards, a.Value.Updates >= minUpdates, a.Value.LastUpdated))
            .ToList();
        var evaluation = state.Evaluation;
        return Task.FromResult(new LearningReport(
            ResourceId.Unscope(this.GetPrimaryKeyString()).Id,
            state.Version,
            savedVersion,
            evaluation.Resolved,
            evaluation.Resolved > 0 ? evaluation.Rewards / evaluation.Resolved : null,
            attribution.Pending,
            evaluation.Estimates(),
            arms));
    }

    public async Task ClearAsync(CancellationToken cancellationToken = default)
    {
        // A save still out would land after the clear and bring the deleted model back.
        await SavedAsync();
        forgetting = true;
        await learner.ClearStateAsync(cancellationToken);
        learner.State = new LearnerState { Generation = Guid.NewGuid() };
        attribution = new RewardAttribution(options.Value.AttributionWindow, options.Value.MaxPendingImpressions);
        snapshot = null;
        savedVersion = 0;

        // Feedback still on its way about the deleted event's decisions must not outlive it in this activation.
        DeactivateOnIdle();
    }

    private async Task OnTickAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        attribution.Close(now, resolved);
        Apply();
        if (now - savedAt < options.Value.SaveInterval)
        {
            return;
        }

        try
        {
            await SaveChangesAsync(cancellationToken);
        }
        catch (InconsistentStateException e)
        {
            // Another activation wrote the model (a silo thought dead came back): retrying would fail the same way
            // forever. The next activation reads the stored one; what this one learned since its last save is lost.
            LogSaveFailed(logger, this.GetPrimaryKeyString(), e);
            forgetting = true;
            DeactivateOnIdle();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The model stays in memory and the next tick tries again; a decision never waits for this.
            LogSaveFailed(logger, this.GetPrimaryKeyString(), e);
        }
    }

    /// <summary>Writes the model if it changed since the last save, after any save still out (never two at once).</summary>
    private async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        await SavedAsync();
        if (forgetting || learner.State.Version == savedVersion)
        {
            return;
        }

        if (!learner.RecordExists && await GrainFactory.GetGrainByKey<ILiveEventGrain>(this.GetPrimaryKeyString()).GetAsync(cancellationToken) is null)
        {
            // Feedback about a deleted event's decisions, arriving after its model was cleared: writing would leave a
            // row nobody deletes, and seed an event created again under the same id with the old one's rewards.
            LogEventGone(logger, this.GetPrimaryKeyString());
            forgetting = true;
            DeactivateOnIdle();
            return;
        }

        var save = SaveAsync(cancellationToken);
        saving = save;
        await save;
    }

    /// <summary>Waits for the save out, if any, whatever its outcome (its caller handles that).</summary>
    private async Task SavedAsync()
    {
        while (saving is { IsCompleted: false } running)
        {
            await Task.WhenAny(running);
        }
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        var version = learner.State.Version;
        await learner.WriteStateAsync(cancellationToken);
        savedVersion = version;
        savedAt = clock.GetUtcNow();
    }

    private void Apply()
    {
        if (resolved.Count == 0)
        {
            return;
        }

        var settings = options.Value;
        var state = learner.State;
        foreach (var reward in resolved)
        {
            var decision = reward.Decision;
            if (!state.Arms.TryGetValue(decision.InstrumentId, out var arm))
            {
                if (state.Arms.Count >= settings.MaxArms)
                {
                    state.Arms.Remove(state.Arms.MinBy(a => a.Value.LastUpdated).Key);
                }

                arm = state.Arms[decision.InstrumentId] = LinUcbArm.Create(BanditFeatures.Dimension, settings.Ridge);
            }

            arm.Update(decision.Trace.Features, reward.Reward, decision.At);
            state.Evaluation.Add(reward);
        }

        state.Version += resolved.Count;
        resolved.Clear();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Learner {Learner}: the event is gone, so the feedback that arrived after it was deleted is not kept")]
    private static partial void LogEventGone(ILogger logger, string learner);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Learner {Learner} ignored feedback about decision {DecisionId}: its features have {Count} values, the model {Expected}")]
    private static partial void LogUnusableObservationCore(ILogger logger, string learner, string decisionId, int count, int expected);

    private static void LogUnusableObservation(ILogger logger, string learner, string decisionId, int count) =>
        LogUnusableObservationCore(logger, learner, decisionId, count, BanditFeatures.Dimension);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Learner {Learner} could not save its model; it keeps learning in memory and tries again")]
    private static partial void LogSaveFailed(ILogger logger, string learner, Exception exception);
}
