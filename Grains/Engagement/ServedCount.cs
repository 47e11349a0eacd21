namespace Glance.Grains.Engagement;

/// <summary>How often, and when last, one instrument was served to one viewer, and when they last dismissed it: what caps, spacing and dismissal suppression read.</summary>
[GenerateSerializer]
public sealed record ServedCount(int Count, DateTimeOffset LastServedAt, DateTimeOffset? DismissedAt = null);
