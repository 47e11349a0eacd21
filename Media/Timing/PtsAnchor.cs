namespace Glance.Media.Timing;

/// <summary>A timestamp whose place on the event timeline is known.</summary>
/// <param name="Pts">The 33-bit timestamp, in [0, 2^33).</param>
/// <param name="UnwrappedPts">The same timestamp counted without wrapping since the epoch began.</param>
/// <param name="StreamTicks">Stream time (90 kHz ticks since the event started) at this timestamp.</param>
public sealed record PtsAnchor(long Pts, long UnwrappedPts, long StreamTicks);
