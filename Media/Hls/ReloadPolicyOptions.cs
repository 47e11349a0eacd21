namespace Glance.Media.Hls;

public sealed record ReloadPolicyOptions
{
    public static ReloadPolicyOptions Default { get; } = new();

    /// <summary>Floor on the wait between two loads, so a target duration of 0 cannot make a tight loop.</summary>
    public TimeSpan MinimumInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// A playlist unchanged for longer than this many target durations is stalled. RFC 8216 section 6.2.1 has servers
    /// publish a new version within 1.5 target durations; the default leaves room for one late reload on top.
    /// </summary>
    public double StallTargetDurations { get; init; } = 3;
}
