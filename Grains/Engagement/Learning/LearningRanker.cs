using System.Buffers;
using System.Globalization;

namespace Glance.Grains.Engagement.Learning;

/// <summary>
/// The ranker decisions use: the learner (LinUCB with ε-greedy exploration over the silo's cached model) for a viewer
/// whose profile allows personalization, the static targeting rules otherwise. Until every eligible instrument has
/// enough feedback the rules make the greedy pick (cold start); exploration still runs, or new instruments would
/// never gather any.
/// </summary>
public sealed class LearningRanker(LearnerSnapshotCache models, IOptions<LearningOptions> options) : IInstrumentRanker
{
    public const string Name = "linucb";

    public async ValueTask<RankedChoice> ChooseAsync(RankingContext context, IReadOnlyList<RankingCandidate> candidates, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled || context.Profile is null)
        {
            return TargetingRuleRanker.Choose(candidates);
        }

        var model = await models.GetAsync(ResourceId.Scoped(context.TenantId, context.EventId), cancellationToken);
        return Choose(context, candidates, model, settings);
    }

    /// <summary>
    /// The learner's pick over vectors rented for the decision: only the chosen one is kept (the decision logs it), so
    /// a decision leaves one vector behind instead of one per candidate.
    /// </summary>
    private static RankedChoice Choose(RankingContext context, IReadOnlyList<RankingCandidate> candidates, LearnerSnapshot? model, LearningOptions settings)
    {
        const int D = BanditFeatures.Dimension;
        var count = candidates.Count;
        var rulesPick = TargetingRuleRanker.Best(candidates);
        var features = ArrayPool<float>.Shared.Rent(count * D);
        var arms = ArrayPool<string>.Shared.Rent(count);
        try
        {
            Span<float> shared = stackalloc float[D];
            BanditFeatures.Shared(context, shared);
            for (var i = 0; i < count; i++)
            {
                BanditFeatures.Build(shared, context, candidates[i], features.AsSpan(i * D, D));
                arms[i] = candidates[i].Instrument.Id;
            }

            var choice = LinUcbPolicy.Choose(model, arms.AsSpan(0, count), features.AsSpan(0, count * D), D, rulesPick, settings.ExplorationRate, settings.ConfidenceWidth, settings.MinArmUpdates, Random.Shared);
            var how = (choice.Explored, choice.Warm) switch
            {
                (true, _) => "explored uniformly",
                (false, true) => "best upper confidence bound of the learned model",
                (false, false) => "cold start: the targeting rules' pick until every candidate has feedback",
            };
            var reason = string.Create(CultureInfo.InvariantCulture, $"{how}; chosen with probability {choice.Propensity:0.###} among {count}");
            return new RankedChoice(
                candidates[choice.Chosen],
                choice.Propensity,
                reason,
                Name,
                new(features.AsSpan(choice.Chosen * D, D).ToArray(), count, choice.Chosen == rulesPick, choice.Chosen == choice.Greedy));
        }
        finally
        {
            Array.Clear(arms, 0, count); // the pool must not keep instrument ids alive
            ArrayPool<string>.Shared.Return(arms);
            ArrayPool<float>.Shared.Return(features);
        }
    }
}
