namespace Glance.Benchmarks.Engagement;

/// <summary>One simulated decision: the hidden response probability of what the learner chose and of what the other policies would have chosen in the same context.</summary>
/// <param name="Rules">What the static targeting rules pick.</param>
/// <param name="Random">The mean over the eligible instruments: a uniform random choice's expectation.</param>
/// <param name="Best">The best eligible instrument's (the oracle).</param>
/// <param name="Responded">Whether the simulated viewer responded to the learner's choice.</param>
internal readonly record struct DecisionOutcome(double Learner, double Rules, double Random, double Best, bool Responded);
