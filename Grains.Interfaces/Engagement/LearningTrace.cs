namespace Glance.Grains.Interfaces.Engagement;

/// <summary>
/// What the learner logged with one of its decisions, so that the feedback about it can train the model and be used
/// for offline evaluation (inverse propensity scoring) without recomputing the context the decision saw.
/// </summary>
/// <param name="Features">The chosen instrument's feature vector at decision time.</param>
/// <param name="Candidates">How many instruments were eligible (a uniform random policy picks each with 1/Candidates).</param>
/// <param name="RulesPick">Whether the chosen instrument is the one the static targeting rules would have picked.</param>
/// <param name="GreedyPick">Whether it is the one the learner's greedy policy (no exploration) would have picked.</param>
[GenerateSerializer, Immutable, Alias("glance.engagement.learning-trace")]
public sealed record LearningTrace(
    IReadOnlyList<float> Features,
    int Candidates,
    bool RulesPick,
    bool GreedyPick);
