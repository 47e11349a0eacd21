namespace Glance.Grains.Interfaces.Engagement;

/// <summary>
/// An engagement instrument as a broadcaster writes it. Exactly the payload of its kind is given: <see cref="Ad"/> for
/// ads, <see cref="Question"/> for trivia and quizzes, <see cref="Poll"/> for polls, <see cref="Offer"/> for upsell and
/// cross-sell offers.
/// </summary>
/// <param name="MaxPerViewer">How many times one viewer is served it in this event; null: no cap.</param>
/// <param name="MinSpacingSeconds">Least wall-clock time between two servings to the same viewer; null: none.</param>
/// <param name="Priority">Higher first (0-1000); ties go to the instrument that matches more of the context, then to the higher bid.</param>
[GenerateSerializer, Immutable]
public sealed record InstrumentDefinition(
    InstrumentKind Kind,
    string Name,
    AdPayload? Ad = null,
    QuestionPayload? Question = null,
    PollPayload? Poll = null,
    OfferPayload? Offer = null,
    InstrumentTargeting? Targeting = null,
    InstrumentValidity? Validity = null,
    int? MaxPerViewer = null,
    double? MinSpacingSeconds = null,
    int Priority = 0,
    decimal Bid = 0);
