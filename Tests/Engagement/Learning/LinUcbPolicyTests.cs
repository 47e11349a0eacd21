using Glance.Grains.Engagement.Learning;
using Glance.Grains.Interfaces.Engagement;

namespace Glance.Tests.Engagement.Learning;

public sealed class LinUcbPolicyTests
{
    private const int D = 4;

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(2, 0.1)]
    [InlineData(5, 0.3)]
    [InlineData(7, 1.0)]
    public void Propensities_sum_to_one_over_the_candidates_and_the_logged_one_is_the_chosen_ones(int candidates, double exploration)
    {
        var arms = Enumerable.Range(0, candidates).Select(i => $"i{i}").ToList();
        var model = Model(arms.ToDictionary(a => a, a => Trained(a == "i0" ? 1 : 0, 30)));
        var random = new Random(7);
        for (var round = 0; round < 50; round++)
        {
            var choice = Choose(model, arms, Vectors(candidates), rulesPick: candidates - 1, exploration, 0.5, 10, random);

            choice.Probabilities.Sum().Should().BeApproximately(1, 1e-12);
            choice.Probabilities.Should().OnlyContain(p => p > 0 || exploration == 0);
            choice.Propensity.Should().Be(choice.Probabilities[choice.Chosen]);
            choice.Probabilities[choice.Greedy].Should().BeApproximately(1 - exploration + (exploration / candidates), 1e-12);
            choice.Greedy.Should().Be(0, "the arm that was always rewarded has the best bound once every arm is warm");
        }
    }

    [Fact]
    public void Cold_start_makes_the_rules_pick_the_greedy_one_until_every_candidate_has_enough_feedback()
    {
        var arms = new[] { "good", "rules" };
        var random = new Random(3);

        var none = Choose(null, arms, Vectors(2), rulesPick: 1, 0, 0.5, 10, random);
        var halfWarm = Choose(Model(new() { ["good"] = Trained(1, 30), ["rules"] = Trained(0, 9) }), arms, Vectors(2), 1, 0, 0.5, 10, random);
        var warm = Choose(Model(new() { ["good"] = Trained(1, 30), ["rules"] = Trained(0, 10) }), arms, Vectors(2), 1, 0, 0.5, 10, random);

        (none.Chosen, none.Warm, none.Propensity).Should().Be((1, false, 1.0));
        (halfWarm.Chosen, halfWarm.Warm).Should().Be((1, false), "one candidate has only 9 of the 10 rewards needed");
        (warm.Chosen, warm.Warm, warm.Propensity).Should().Be((0, true, 1.0));
    }

    [Fact]
    public void The_learner_converges_on_a_small_synthetic_problem()
    {
        // Two viewer types (a feature each) and three instruments: type A rewards instrument 0 with 0.6 and the others
        // with 0.1, type B rewards instrument 2 with 0.5 and the others with 0.1. The rules always pick instrument 1.
        var random = new Random(2026);
        var arms = new[] { "i0", "i1", "i2" };
        var state = arms.ToDictionary(a => a, _ => LinUcbArm.Create(D, 1));
        double[][] rates = [[0.6, 0.1, 0.1], [0.1, 0.1, 0.5]];
        LearnerSnapshot? model = null;
        var lateRewards = 0.0;
        var lateOracle = 0;
        const int Rounds = 4000;
        for (var round = 0; round < Rounds; round++)
        {
            if (round % 50 == 0)
            {
                model = new LearnerSnapshot(round, D, state.ToDictionary(a => a.Key, a => a.Value.Snapshot()), Guid.Empty);
            }

            var type = random.Next(2);
            var x = type == 0 ? new float[] { 1, 1, 0, 0 } : [1, 0, 1, 0];
            var choice = Choose(model, arms, [x, x, x], rulesPick: 1, 0.1, 0.5, 20, random);
            var reward = random.NextDouble() < rates[type][choice.Chosen] ? 1 : 0;
            state[arms[choice.Chosen]].Update(x, reward, DateTimeOffset.UnixEpoch);
            if (round >= Rounds - 1000)
            {
                lateRewards += reward;
                lateOracle += choice.Greedy == (type == 0 ? 0 : 2) ? 1 : 0;
            }
        }

        lateOracle.Should().BeGreaterThan(950, "after warm-up the greedy pick is each type's best instrument");
        (lateRewards / 1000).Should().BeGreaterThan(0.45, "the best policy earns 0.55, random 0.25, the rules 0.1");
    }

    private static LearnerSnapshot Model(Dictionary<string, ArmSnapshot> arms) => new(1, D, arms, Guid.Empty);

    private static ArmSnapshot Trained(double reward, int updates)
    {
        var arm = LinUcbArm.Create(D, 1);
        for (var i = 0; i < updates; i++)
        {
            arm.Update(new float[] { 1, 0, 0, 0 }, reward, DateTimeOffset.UnixEpoch);
        }

        return arm.Snapshot();
    }

    /// <summary>The policy over one vector per candidate, laid one after the other as a decision lays them.</summary>
    private static BanditChoice Choose(LearnerSnapshot? model, IReadOnlyList<string> arms, float[][] vectors, int rulesPick, double explorationRate, double confidenceWidth, int minArmUpdates, Random random) =>
        LinUcbPolicy.Choose(model, [.. arms], [.. vectors.SelectMany(v => v)], vectors[0].Length, rulesPick, explorationRate, confidenceWidth, minArmUpdates, random);

    private static float[][] Vectors(int count) => [.. Enumerable.Range(0, count).Select(_ => new float[] { 1, 0, 0, 0 })];
}
