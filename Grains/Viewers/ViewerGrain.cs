using System.Globalization;
using System.Security.Cryptography;
using Glance.Grains.Common;
using Glance.Grains.Engagement;
using Glance.Grains.Engagement.Learning;
using Glance.Grains.Interfaces.Common;
using Glance.Grains.Interfaces.Engagement;
using Glance.Grains.Interfaces.Timeline;
using Glance.Grains.Interfaces.Viewers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;

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

    /// <summary>Newest last, at most <see cref="EngagementOptions.MaxDecisionHistory"/>.</summary>
    public List<DecisionRecord> Decisions { get; set; } = [];

    /// <summary>Servings per "event/instrument", for caps and spacing; at most <see cref="EngagementOptions.MaxServedCounters"/>.</summary>
    public Dictionary<string, ServedCount> Served { get; set; } = new(StringComparer.Ordinal);

    public bool HasHistory() => Engagements.Count > 0 || Decisions.Count > 0 || Served.Count > 0;
}

/// <summary>A viewer of a tenant: what they told us about themselves, what they were served and how they responded.</summary>
[GrainType("viewer")]
public sealed partial class ViewerGrain(
    [PersistentState("viewer")] IPersistentState<ViewerState> viewer,
    TimeProvider clock,
    IInstrumentRanker ranker,
    IOptions<EngagementOptions> options,
    IOptions<LearningOptions> learning,
    ILogger<ViewerGrain> logger) : Grain, IViewerGrain
{
    public async Task<(ViewerProfileView View, bool Created)> PutProfileAsync(ViewerProfile profile, CancellationToken cancellationToken = default)
    {
        var normalized = ViewerProfileRules.Normalize(profile);
        var now = clock.GetUtcNow();
        var created = false;
        await viewer.UpdateOrForgetAsync(
            s =>
            {
                // Decided on the state the write lands on: after an ETag conflict that is the reloaded one.
                created = s.Profile is null;
                s.CreatedAt = created ? now : s.CreatedAt;
                s.Profile = normalized;
                s.UpdatedAt = now;
                return s;
            },
            DeactivateOnIdle,
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

        await viewer.ClearStateAsync(cancellationToken);
        viewer.State = new ViewerState();
    }

    public async Task<InstrumentDecision?> NextInstrumentAsync(DecisionRequest request, CancellationToken cancellationToken = default)
    {
        var tenantId = ResourceId.Unscope(this.GetPrimaryKeyString()).TenantId;
        var eventKey = ResourceId.Scoped(tenantId, request.EventId);
        var timeline = GrainFactory.GetGrain<IEventTimelineGrain>(eventKey);
        var position = request.Position ?? await timeline.PositionAtAsync(request.At ?? clock.GetUtcNow(), cancellationToken);
        var window = await timeline.GetContextAsync(position, request.Before, request.After, cancellationToken);
        var instruments = await GrainFactory.GetGrain<IInstrumentCatalogGrain>(eventKey).GetAllAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var profile = viewer.State.Profile is { Personalization: true } p ? p : null;
        var context = new RankingContext(tenantId, request.EventId, position, window.Entities, profile, now, profile is null ? null : History(viewer.State));
        var served = viewer.State.Served;
        var candidates = InstrumentEligibility.Candidates(instruments, context, request.Kinds, id => served.GetValueOrDefault(ServedKey(request.EventId, id)));
        if (candidates.Count == 0)
        {
            LogNothingQualifies(logger, tenantId, ViewerId, request.EventId, position, instruments.Count);
            return null;
        }

        var choice = await ranker.ChooseAsync(context, candidates, cancellationToken);
        var chosen = choice.Chosen.Instrument;
        var decision = new DecisionRecord(
            "d-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
            request.EventId,
            chosen.Id,
            chosen.Definition.Kind,
            chosen.Definition.Question?.Choices.Count ?? chosen.Definition.Poll?.Options.Count ?? 0,
            chosen.Definition.Question?.Answer,
            position,
            now,
            choice.Ranker,
            choice.Propensity,
            choice.Learning);
        var limits = options.Value;
        var attribution = learning.Value.AttributionWindow;
        await viewer.UpdateOrForgetAsync(s => RecordServing(s, decision, limits, attribution), DeactivateOnIdle, cancellationToken);
        LogDecision(logger, tenantId, ViewerId, request.EventId, decision.DecisionId, chosen.Id, choice.Ranker, choice.Propensity, candidates.Select(c => c.Instrument.Id).ToArray(), position);
        return new InstrumentDecision(
            decision.DecisionId,
            request.EventId,
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
        var tenantId = ResourceId.Unscope(this.GetPrimaryKeyString()).TenantId;
        var earlier = viewer.State.Engagements.Find(e => e.IdempotencyKey == report.IdempotencyKey);
        var decision = viewer.State.Decisions.Find(d => d.DecisionId == report.DecisionId);
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
        await viewer.UpdateOrForgetAsync(
            s =>
            {
                receipt = new EngagementReceipt(s.Sequence + 1, decision.DecisionId, decision.EventId, decision.InstrumentId, report.Type, report.Choice, correct, now);
                s.Sequence = receipt.Sequence;
                s.Engagements.Add(new EngagementRecord(report.IdempotencyKey, receipt));
                Trim(s.Engagements, limits.MaxEngagementHistory);
                return s;
            },
            DeactivateOnIdle,
            cancellationToken);
        await TallyAsync(tenantId, receipt!, decision.Options, cancellationToken);
        Learn(tenantId, decision, receipt!);
        return receipt!;
    }

    public Task<IReadOnlyList<EngagementReceipt>> GetEngagementsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<EngagementReceipt>>([.. viewer.State.Engagements.Select(e => e.Receipt).Reverse()]);

    private string ViewerId => ResourceId.Unscope(this.GetPrimaryKeyString()).Id;

    private Task TallyAsync(string tenantId, EngagementReceipt receipt, int options, CancellationToken cancellationToken) =>
        GrainFactory.GetGrain<IEngagementTallyGrain>(ResourceId.Scoped(tenantId, receipt.EventId)).RecordAsync(ViewerId, receipt, options, cancellationToken);

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
        _ = GrainFactory.GetGrain<IInstrumentLearnerGrain>(ResourceId.Scoped(tenantId, decision.EventId))
            .ObserveAsync(new LearningObservation(decision.DecisionId, decision.InstrumentId, outcome, decision.Propensity, trace, receipt.RecordedAt));
    }

    /// <summary>Per kind, the viewer's recent decisions and those a click, answer, vote or purchase rewarded.</summary>
    private static ViewerHistory History(ViewerState state)
    {
        var rewarded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var engagement in state.Engagements)
        {
            if (ViewerHistory.IsReward(engagement.Receipt.Type))
            {
                rewarded.Add(engagement.Receipt.DecisionId);
            }
        }

        var served = new int[ViewerHistory.Kinds];
        var rewards = new int[ViewerHistory.Kinds];
        foreach (var decision in state.Decisions)
        {
            served[(int)decision.Kind]++;
            rewards[(int)decision.Kind] += rewarded.Contains(decision.DecisionId) ? 1 : 0;
        }

        return new ViewerHistory(served, rewards);
    }

    private static string ServedKey(string eventId, string instrumentId) => $"{eventId}/{instrumentId}";

    /// <summary>Pure in the state it is given (it may run again on a reloaded state after a write conflict).</summary>
    private static ViewerState RecordServing(ViewerState state, DecisionRecord decision, EngagementOptions limits, TimeSpan attribution)
    {
        // A decision's features are only needed while feedback about it can still count: its attribution window opens
        // at the impression, which follows the decision within seconds (a minute's margin). Dropping them after keeps
        // the state written on every decision small.
        var expired = decision.ServedAt - attribution - TimeSpan.FromMinutes(1);
        for (var i = 0; i < state.Decisions.Count; i++)
        {
            if (state.Decisions[i] is { Learning: not null } old && old.ServedAt < expired)
            {
                state.Decisions[i] = old with { Learning = null };
            }
        }

        var key = ServedKey(decision.EventId, decision.InstrumentId);
        state.Served[key] = new ServedCount((state.Served.GetValueOrDefault(key)?.Count ?? 0) + 1, decision.ServedAt);
        if (state.Served.Count > limits.MaxServedCounters)
        {
            state.Served.Remove(state.Served.MinBy(s => s.Value.LastServedAt).Key);
        }

        state.Decisions.Add(decision);
        Trim(state.Decisions, limits.MaxDecisionHistory);
        return state;
    }

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
        var seen = choice.Chosen.Matched.Count == 0
            ? "targets no entity on screen"
            : "matched " + string.Join(", ", choice.Chosen.Matched.Select(m => $"{m.Kind}:{m.Id ?? m.Name}"));
        var audience = personalized ? "personalized" : hasProfile ? "not personalized: the viewer opted out" : "not personalized: the viewer has no profile";
        return string.Create(CultureInfo.InvariantCulture, $"{InstrumentRules.Name(instrument.Definition.Kind)} '{instrument.Definition.Name}' {seen} in {window.From:0.###}-{window.To:0.###} s; {choice.Reason}; {audience}.");
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Decision {DecisionId} for viewer {Tenant}/{Viewer} in event {Event} at {Position} s: {Instrument} by {Ranker} with propensity {Propensity} among {Candidates}")]
    private static partial void LogDecision(ILogger logger, string tenant, string viewer, string @event, string decisionId, string instrument, string ranker, double propensity, string[] candidates, double position);

    [LoggerMessage(Level = LogLevel.Debug, Message = "No instrument qualifies for viewer {Tenant}/{Viewer} in event {Event} at {Position} s ({Instruments} in the catalog)")]
    private static partial void LogNothingQualifies(ILogger logger, string tenant, string viewer, string @event, double position, int instruments);
}
