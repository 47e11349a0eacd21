namespace Glance.Grains.Interfaces.Engagement;

/// <summary>An engagement as recorded (durably, before it is answered).</summary>
/// <param name="Sequence">The viewer's own count of engagements: 1, 2, 3, ...</param>
/// <param name="Correct">For an answer: whether it was the right choice.</param>
/// <param name="Replayed">True when the idempotency key had been recorded before: nothing new was recorded.</param>
[GenerateSerializer, Immutable]
public sealed record EngagementReceipt(
    long Sequence,
    string DecisionId,
    string EventId,
    string InstrumentId,
    EngagementType Type,
    int? Choice,
    bool? Correct,
    DateTimeOffset RecordedAt,
    bool Replayed = false);
