namespace Glance.Grains.Interfaces.Monitoring;

/// <summary>
/// Every check's result on one segment and the program it was held against; recorded per media sequence, so that
/// whatever tracks incidents can read them in order.
/// </summary>
/// <param name="At">The instant the program was looked up by: the segment's program date-time, else the event start plus its stream time.</param>
[GenerateSerializer, Immutable, Alias("glance.monitoring.segment-checks")]
public sealed record SegmentChecks(
    long Sequence,
    int Epoch,
    DateTimeOffset? At,
    string? ProgramId,
    string? ProgramTitle,
    IReadOnlyList<CheckResult> Checks,
    DateTimeOffset EvaluatedAt);
