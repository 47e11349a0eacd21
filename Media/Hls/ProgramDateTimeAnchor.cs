namespace Glance.Media.Hls;

/// <summary>The program date-time of a segment the cursor handed over, to notice a sequence number moving in time.</summary>
public sealed record ProgramDateTimeAnchor(long Sequence, DateTimeOffset ProgramDateTime);
