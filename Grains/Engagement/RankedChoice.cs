namespace Glance.Grains.Engagement;

/// <summary>A ranker's pick among the candidates.</summary>
/// <param name="Propensity">The probability with which it picked this candidate: logged with the decision so that a learner can be evaluated offline (inverse propensity scoring); 1 for a deterministic ranker.</param>
/// <param name="Reason">Why, in a few words, for the decision's explanation.</param>
/// <param name="Ranker">Which ranker decided, logged with the decision (targeting-rules, linucb).</param>
/// <param name="Learning">What the learner needs back with the feedback; null when the decision is not one to learn from (the rules decided for a non-personalized viewer).</param>
public sealed record RankedChoice(RankingCandidate Chosen, double Propensity, string Reason, string Ranker, LearningTrace? Learning = null);
