namespace Glance.Grains.Engagement.Learning;

/// <summary>What the policy decided among the candidates, with everything the decision logs.</summary>
/// <param name="Chosen">Index into the candidates.</param>
/// <param name="Greedy">The candidate the policy picks when it does not explore: the best upper confidence bound, or the rules' pick during cold start.</param>
/// <param name="Probabilities">Each candidate's probability of being chosen; they sum to 1.</param>
/// <param name="Warm">Whether every candidate had enough feedback for the model to rank it (otherwise the rules' pick is the greedy one).</param>
/// <param name="Explored">Whether this decision was the uniform exploration draw.</param>
public sealed record BanditChoice(int Chosen, int Greedy, IReadOnlyList<double> Probabilities, bool Warm, bool Explored)
{
    public double Propensity => Probabilities[Chosen];
}
