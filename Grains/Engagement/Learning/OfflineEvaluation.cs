namespace Glance.Grains.Engagement.Learning;

/// <summary>
/// Running sums over resolved learner decisions for inverse propensity scoring: for a target policy π, reward x
/// π(chosen | context) / logged propensity, averaged (IPS) or divided by the sum of the weights (self-normalized).
/// π is known at decision time for the rules (the trace says whether the choice was the rules' pick), uniform random
/// (1/K) and the learner's greedy pick, so three numbers per policy summarize every decision.
/// </summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
public sealed class OfflineEvaluation
{
    public long Resolved { get; set; }

    public double Rewards { get; set; }

    public double RulesWeightedReward { get; set; }

    public double RulesWeight { get; set; }

    public double UniformWeightedReward { get; set; }

    public double UniformWeight { get; set; }

    public double GreedyWeightedReward { get; set; }

    public double GreedyWeight { get; set; }

    public void Add(ResolvedReward resolved)
    {
        var (decision, reward) = resolved;
        var propensity = decision.Propensity;
        if (!(propensity is > 0 and <= 1))
        {
            return; // not a usable log entry; never divide by it
        }

        Resolved++;
        Rewards += reward;
        var rules = decision.Trace.RulesPick ? 1 / propensity : 0;
        var uniform = 1.0 / Math.Max(1, decision.Trace.Candidates) / propensity;
        var greedy = decision.Trace.GreedyPick ? 1 / propensity : 0;
        RulesWeightedReward += reward * rules;
        RulesWeight += rules;
        UniformWeightedReward += reward * uniform;
        UniformWeight += uniform;
        GreedyWeightedReward += reward * greedy;
        GreedyWeight += greedy;
    }

    public IReadOnlyList<PolicyEstimate> Estimates() =>
    [
        Estimate("targeting-rules", RulesWeightedReward, RulesWeight),
        Estimate("uniform-random", UniformWeightedReward, UniformWeight),
        Estimate("greedy", GreedyWeightedReward, GreedyWeight),
    ];

    private PolicyEstimate Estimate(string policy, double weightedReward, double weight) =>
        new(policy, Resolved > 0 ? weightedReward / Resolved : null, weight > 0 ? weightedReward / weight : null);
}
