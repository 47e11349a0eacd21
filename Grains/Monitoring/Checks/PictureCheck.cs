namespace Glance.Grains.Monitoring.Checks;

/// <summary>No black (or frozen) picture in the segment lasts longer than its limit.</summary>
public sealed class PictureCheck : ISegmentCheck
{
    private readonly Func<SegmentSignals, IReadOnlyList<TimeRange>> ranges;
    private readonly Func<EffectiveThresholds, double> limit;
    private readonly string what;

    private PictureCheck(MonitoringCheck check, string what, Func<SegmentSignals, IReadOnlyList<TimeRange>> ranges, Func<EffectiveThresholds, double> limit)
    {
        Check = check;
        this.what = what;
        this.ranges = ranges;
        this.limit = limit;
    }

    public static PictureCheck Black { get; } = new(MonitoringCheck.Black, "black", s => s.Black, t => t.MaxBlackSeconds);

    public static PictureCheck Freeze { get; } = new(MonitoringCheck.Freeze, "frozen", s => s.Freeze, t => t.MaxFreezeSeconds);

    public MonitoringCheck Check { get; }

    public CheckResult Evaluate(SegmentCheckContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Segment.Signals is not { } signals)
        {
            return CheckResults.Error(Check, "The segment has no signal analysis.");
        }

        var max = limit(context.Thresholds);
        var expected = $"{what} picture at most {CheckResults.Seconds(max)}";
        if (!signals.VideoPresent)
        {
            return CheckResults.Judged(Check, false, "The segment carries no video stream.", expected, "no video", max);
        }

        var longest = SignalRanges.Longest(ranges(signals));
        return CheckResults.Judged(
            Check,
            longest <= max,
            longest <= max ? $"No {what} picture beyond the limit." : $"Picture {what} for {CheckResults.Seconds(longest)}, beyond {CheckResults.Seconds(max)}.",
            expected,
            $"longest {what} {CheckResults.Seconds(longest)}",
            max);
    }
}
