using Glance.Grains.Common;
using Glance.Grains.Interfaces.Common;
using Glance.Grains.Interfaces.Engagement;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;

namespace Glance.Grains.Engagement.Learning;

[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
public sealed class LearnerState
{
    public long Version { get; set; }

    /// <summary>By instrument id; at most <see cref="LearningOptions.MaxArms"/>.</summary>
    public Dictionary<string, LinUcbArm> Arms { get; set; } = new(StringComparer.Ordinal);

    public OfflineEvaluation Evaluation { get; set; } = new();
}

/// <summary>
/// An event's contextual bandit. Only feedback reaches it (one-way calls from the viewer grains); decisions read the
/// snapshots every silo caches. The model is written every <see cref="LearningOptions.SaveInterval"/> when it changed
/// and on deactivation, not per update: feedback arrives at the decision rate, and losing a few seconds of updates to
/// a crash costs a little learning, never an engagement (those are durable in the viewer grains).
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

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        attribution = new RewardAttribution(settings.AttributionWindow, settings.MaxPendingImpressions);
        var stale = learner.State.Arms.Where(a => a.Value.Dimension != BanditFeatures.Dimension).Select(a => a.Key).ToList();
        foreach (var arm in stale)
        {
            learner.State.Arms.Remove(arm); // a model of another feature layout cannot score today's vectors
        }

        savedVersion = learner.State.Version;
        savedAt = clock.GetUtcNow();
        this.RegisterGrainTimer(OnTickAsync, new GrainTimerCreationOptions(Tick, Tick) { KeepAlive = false });
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (learner.State.Version != savedVersion)
        {
            await SaveAsync(cancellationToken);
        }
    }

    public Task ObserveAsync(LearningObservation observation)
    {
        if (observation.Trace.Features.Count != BanditFeatures.Dimension)
        {
            LogUnusableObservation(logger, this.GetPrimaryKeyString(), observation.DecisionId, observation.Trace.Features.Count);
            return Task.CompletedTask;
        }

        attribution.Observe(observation, resolved);
        Apply();
        return Task.CompletedTask;
    }

    public Task<LearnerSnapshot?> GetSnapshotAsync(long knownVersion, CancellationToken cancellationToken = default)
    {
        var state = learner.State;
        if (knownVersion == state.Version && knownVersion >= 0)
        {
            return Task.FromResult<LearnerSnapshot?>(null);
        }

        if (snapshot?.Version != state.Version)
        {
            snapshot = new LearnerSnapshot(state.Version, BanditFeatures.Dimension, state.Arms.ToDictionary(a => a.Key, a => a.Value.Snapshot(), StringComparer.Ordinal));
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
        await learner.ClearStateAsync(cancellationToken);
        learner.State = new LearnerState();
        attribution = new RewardAttribution(options.Value.AttributionWindow, options.Value.MaxPendingImpressions);
        snapshot = null;
        savedVersion = 0;
    }

    private async Task OnTickAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        attribution.Close(now, resolved);
        Apply();
        if (learner.State.Version != savedVersion && now - savedAt >= options.Value.SaveInterval)
        {
            try
            {
                await SaveAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The model stays in memory and the next tick tries again; a decision never waits for this.
                LogSaveFailed(logger, this.GetPrimaryKeyString(), e);
            }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Learner {Learner} ignored feedback about decision {DecisionId}: its features have {Count} values, the model {Expected}")]
    private static partial void LogUnusableObservationCore(ILogger logger, string learner, string decisionId, int count, int expected);

    private static void LogUnusableObservation(ILogger logger, string learner, string decisionId, int count) =>
        LogUnusableObservationCore(logger, learner, decisionId, count, BanditFeatures.Dimension);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Learner {Learner} could not save its model; it keeps learning in memory and tries again")]
    private static partial void LogSaveFailed(ILogger logger, string learner, Exception exception);
}
