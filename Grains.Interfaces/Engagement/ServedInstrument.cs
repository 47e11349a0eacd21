namespace Glance.Grains.Interfaces.Engagement;

/// <summary>An instrument as a viewer's device receives it: its payload without what the viewer must not see (a question's answer).</summary>
[GenerateSerializer, Immutable]
public sealed record ServedInstrument(
    string Id,
    InstrumentKind Kind,
    string Name,
    AdPayload? Ad,
    ServedQuestion? Question,
    PollPayload? Poll,
    OfferPayload? Offer);

/// <summary>A trivia or quiz question without its answer.</summary>
[GenerateSerializer, Immutable]
public sealed record ServedQuestion(string Question, IReadOnlyList<string> Choices);
