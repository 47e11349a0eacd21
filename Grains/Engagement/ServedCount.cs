namespace Glance.Grains.Engagement;

/// <summary>
/// How often, and when last, one instrument was served to one viewer, and when they last dismissed it: what caps,
/// spacing and dismissal suppression read. A value, so that counting a serving writes into the viewer's counters in
/// place instead of leaving an object behind that every young collection would have to keep.
/// </summary>
[GenerateSerializer]
public readonly record struct ServedCount(int Count, DateTimeOffset LastServedAt, DateTimeOffset? DismissedAt = null);
