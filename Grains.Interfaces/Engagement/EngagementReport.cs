namespace Glance.Grains.Interfaces.Engagement;

/// <summary>A viewer's response to a served instrument, as the device reports it.</summary>
/// <param name="DecisionId">The decision that served the instrument.</param>
/// <param name="Choice">For an answer or a vote: the index of the chosen choice or option.</param>
/// <param name="IdempotencyKey">The same key sent again answers the first report's receipt and records nothing more.</param>
[GenerateSerializer, Immutable]
public sealed record EngagementReport(string DecisionId, EngagementType Type, string IdempotencyKey, int? Choice = null);
