namespace Glance.Grains.Viewers;

/// <summary>A decision served to the viewer, kept so that the engagements reported about it can be checked and scored.</summary>
/// <param name="Options">Choices of a question or options of a poll; 0 for other kinds.</param>
/// <param name="Answer">The right choice of a trivia or quiz question.</param>
/// <param name="Learning">What the learner logged with the decision; null when the rules decided for a non-personalized viewer.</param>
[GenerateSerializer]
public sealed record DecisionRecord(
    string DecisionId,
    string EventId,
    string InstrumentId,
    InstrumentKind Kind,
    int Options,
    int? Answer,
    double Position,
    DateTimeOffset ServedAt,
    string Ranker,
    double Propensity,
    LearningTrace? Learning = null);
