namespace Glance.Grains.Interfaces.Engagement;

/// <summary>What an engagement says about a learner's decision.</summary>
public enum LearningOutcome
{
    /// <summary>The instrument was shown: its attribution window opens; without a reward within it the reward is 0.</summary>
    Impression,

    /// <summary>A click, an answer, a vote or a purchase: reward 1 (the first one counts).</summary>
    Reward,

    /// <summary>A dismissal: reward 0 at once.</summary>
    NoReward,
}
