using Orleans;

namespace Glance.Grains.Engagement;

/// <summary>How often, and when last, one instrument was served to one viewer: what caps and spacing read.</summary>
[GenerateSerializer]
public sealed record ServedCount(int Count, DateTimeOffset LastServedAt);
