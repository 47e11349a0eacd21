namespace Glance.Media.Signals;

/// <summary>Interval arithmetic for signal reports.</summary>
public static class SignalIntervals
{
    /// <summary>
    /// Removes the parts of <paramref name="intervals"/> covered by <paramref name="cut"/> and drops what is left shorter than
    /// <paramref name="minDuration"/>. A black picture is also a frozen one; it is reported once, as black.
    /// </summary>
    public static List<SignalInterval> Subtract(IReadOnlyList<SignalInterval> intervals, IReadOnlyList<SignalInterval> cut, double minDuration)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        ArgumentNullException.ThrowIfNull(cut);
        var ordered = cut.OrderBy(c => c.Start).ToList();
        var result = new List<SignalInterval>();
        foreach (var interval in intervals)
        {
            var start = interval.Start;
            foreach (var c in ordered)
            {
                if (c.End <= start || c.Start >= interval.End)
                {
                    continue;
                }

                if (c.Start > start)
                {
                    Keep(result, start, c.Start, minDuration);
                }

                start = Math.Max(start, c.End);
                if (start >= interval.End)
                {
                    break;
                }
            }

            Keep(result, start, interval.End, minDuration);
        }

        return result;
    }

    private static void Keep(List<SignalInterval> result, double start, double end, double minDuration)
    {
        // A millisecond of slack: ffmpeg prints times with six significant digits.
        if (end - start >= minDuration - 0.001)
        {
            result.Add(new SignalInterval(start, end));
        }
    }
}
