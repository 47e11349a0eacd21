namespace Glance.Grains.Engagement;

/// <summary>A ranker's pick among the candidates.</summary>
/// <param name="Propensity">The probability with which it picked this candidate: logged with the decision so that a learner can be evaluated offline (inverse propensity scoring); 1 for a deterministic ranker.</param>
/// <param name="Reason">Why, in a few words, for the decision's explanation.</param>
public sealed record RankedChoice(RankingCandidate Chosen, double Propensity, string Reason);
