using Glance.Grains.Interfaces.Timeline;
namespace Glance.Grains.Interfaces.Engagement;

/// <summary>The instrument chosen for a viewer now, and why.</summary>
/// <param name="DecisionId">Name it in the engagements the viewer's device reports about this instrument.</param>
/// <param name="Matched">The context entities the instrument's targeting matched.</param>
/// <param name="Personalized">False when the viewer opted out of personalization or has no profile: only context and untargeted instruments were considered.</param>
/// <param name="Ranker">Which ranker chose (targeting-rules for the deterministic rules).</param>
/// <param name="Propensity">The probability with which the ranker chose it among the candidates (1 for deterministic rules).</param>
[GenerateSerializer, Immutable]
public sealed record InstrumentDecision(
    string DecisionId,
    string EventId,
    double Position,
    ServedInstrument Instrument,
    IReadOnlyList<ContextEntity> Matched,
    string Explanation,
    bool Personalized,
    string Ranker,
    double Propensity,
    int Candidates);
