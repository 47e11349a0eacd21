namespace Glance.Grains.Monitoring.Checks;

public static class SignalRanges
{
    /// <summary>The longest of the ranges in seconds, 0 when there are none.</summary>
    public static double Longest(IReadOnlyList<TimeRange> ranges) =>
        ranges.Count == 0 ? 0 : Math.Round(ranges.Max(r => Math.Max(0, r.End - r.Start)), 3);
}
