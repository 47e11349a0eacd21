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
        var rules = TargetingRuleRanker.Choose(candidates);
        var settings = options.Value;
        if (!settings.Enabled || context.Profile is null)
        {
            return rules;
        }

        var model = await models.GetAsync(ResourceId.Scoped(context.TenantId, context.EventId), cancellationToken);
        var features = new float[candidates.Count][];
        var arms = new string[candidates.Count];
        var rulesPick = 0;
        var shared = BanditFeatures.Shared(context);
        for (var i = 0; i < candidates.Count; i++)
        {
            features[i] = BanditFeatures.Build(shared, context, candidates[i]);
            arms[i] = candidates[i].Instrument.Id;
            rulesPick = ReferenceEquals(candidates[i], rules.Chosen) ? i : rulesPick;
        }

        var choice = LinUcbPolicy.Choose(model, arms, features, rulesPick, settings.ExplorationRate, settings.ConfidenceWidth, settings.MinArmUpdates, Random.Shared);
        var how = (choice.Explored, choice.Warm) switch
        {
            (true, _) => "explored uniformly",
            (false, true) => "best upper confidence bound of the learned model",
            (false, false) => "cold start: the targeting rules' pick until every candidate has feedback",
        };
        var reason = string.Create(CultureInfo.InvariantCulture, $"{how}; chosen with probability {choice.Propensity:0.###} among {candidates.Count}");
        return new RankedChoice(
            candidates[choice.Chosen],
            choice.Propensity,
            reason,
            Name,
            new(features[choice.Chosen], candidates.Count, choice.Chosen == rulesPick, choice.Chosen == choice.Greedy));
    }
}
