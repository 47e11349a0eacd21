using Glance.Grains.Engagement.Learning;
using Glance.Grains.Interfaces.Engagement;

namespace Glance.Tests.Engagement.Learning;

public sealed class RewardAttributionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_reward_within_the_window_counts_once_and_an_impression_without_one_counts_zero_when_its_window_closes()
    {
        var attribution = new RewardAttribution(TimeSpan.FromSeconds(30), 100);
        var output = new List<ResolvedReward>();

        attribution.Observe(Observation("d1", LearningOutcome.Impression, 0), output);
        attribution.Observe(Observation("d2", LearningOutcome.Impression, 1), output);
        attribution.Observe(Observation("d1", LearningOutcome.Reward, 10), output);
        attribution.Observe(Observation("d1", LearningOutcome.Reward, 12), output);
        attribution.Close(T0.AddSeconds(30), output);
        output.Select(o => (o.Decision.DecisionId, o.Reward)).Should().Equal([("d1", 1.0)], "d2's window is still open at 30 s");

        attribution.Close(T0.AddSeconds(31.5), output);
        attribution.Observe(Observation("d2", LearningOutcome.Reward, 40), output);
        attribution.Observe(Observation("d3", LearningOutcome.NoReward, 41), output);
        attribution.Observe(Observation("d4", LearningOutcome.Reward, 42), output);

        output.Select(o => (o.Decision.DecisionId, o.Reward)).Should().Equal(("d1", 1.0), ("d2", 0.0), ("d3", 0.0), ("d4", 1.0));
        attribution.Pending.Should().Be(0);
    }

    [Fact]
    public void A_reward_after_the_window_counts_zero_and_a_full_table_resolves_the_oldest_early()
    {
        var attribution = new RewardAttribution(TimeSpan.FromSeconds(30), 2);
        var output = new List<ResolvedReward>();

        attribution.Observe(Observation("late", LearningOutcome.Impression, 0), output);
        attribution.Observe(Observation("late", LearningOutcome.Reward, 45), output);
        attribution.Observe(Observation("a", LearningOutcome.Impression, 50), output);
        attribution.Observe(Observation("b", LearningOutcome.Impression, 51), output);
        attribution.Observe(Observation("c", LearningOutcome.Impression, 52), output);

        output.Select(o => (o.Decision.DecisionId, o.Reward)).Should().Equal(("late", 0.0), ("a", 0.0));
        attribution.Pending.Should().Be(2);
    }

    private static LearningObservation Observation(string decisionId, LearningOutcome outcome, double seconds) =>
        new(decisionId, "i1", outcome, 0.5, new LearningTrace(new float[BanditFeatures.Dimension], 2, true, true), T0.AddSeconds(seconds));
}
