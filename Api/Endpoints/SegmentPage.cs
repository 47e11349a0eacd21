using Glance.Grains.Interfaces.Timeline;

namespace Glance.Api.Endpoints;

/// <summary>Segment statuses in media sequence order, a page at a time, shaped like every other list of the API.</summary>
/// <param name="Next">Pass as ?after= to read the next page; null on the last page.</param>
public sealed record SegmentPage(IReadOnlyList<SegmentStatus> Items, long? Next);
