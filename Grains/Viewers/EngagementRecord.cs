namespace Glance.Grains.Viewers;

/// <summary>A recorded engagement and the idempotency key it came with.</summary>
[GenerateSerializer]
public sealed record EngagementRecord(string IdempotencyKey, EngagementReceipt Receipt);
