namespace Glance.Grains.Interfaces.Engagement;

/// <summary>Feedback about one learner decision, sent by the viewer grain once the engagement is durable.</summary>
/// <param name="Propensity">The probability with which the decision chose the instrument.</param>
[GenerateSerializer, Immutable, Alias("glance.engagement.learning-observation")]
public sealed record LearningObservation(
    string DecisionId,
    string InstrumentId,
    LearningOutcome Outcome,
    double Propensity,
    LearningTrace Trace,
    DateTimeOffset At);
