namespace Glance.Grains.Engagement.Learning;

/// <summary>A learner decision whose reward is known: it trains the instrument's arm and counts in the offline estimates.</summary>
public sealed record ResolvedReward(LearningObservation Decision, double Reward);
