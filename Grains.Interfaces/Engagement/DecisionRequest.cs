namespace Glance.Grains.Interfaces.Engagement;

/// <summary>"Which instrument now?" for one viewer at a player position (or wall-clock instant) in an event.</summary>
/// <param name="Kinds">Only these kinds (an ad player asks for ads); null or empty: any.</param>
[GenerateSerializer, Immutable]
public sealed record DecisionRequest(
    string EventId,
    double? Position,
    DateTimeOffset? At,
    double Before,
    double After,
    IReadOnlyList<InstrumentKind>? Kinds = null);
