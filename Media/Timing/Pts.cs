namespace Glance.Media.Timing;

/// <summary>
/// Arithmetic on MPEG presentation timestamps: 90 kHz ticks carried in 33 bits, so they wrap about every 26.5 hours.
/// </summary>
public static class Pts
{
    public const long TicksPerSecond = 90_000;

    /// <summary>2^33: the PTS counter wraps to zero here.</summary>
    public const long WrapTicks = 1L << 33;

    /// <summary>
    /// The signed distance from <paramref name="from"/> to <paramref name="to"/> modulo 2^33, in [-2^32, 2^32].
    /// Inputs may be raw 33-bit values or values ffmpeg has already shifted by a multiple of 2^33.
    /// </summary>
    /// <remarks>
    /// Computed as <c>d - W * round(d / W)</c> (half away from zero) in doubles on purpose: the ffmpeg select expression
    /// that picks frames evaluates exactly this formula, and both sides must agree to the tick. Every quantity involved is
    /// an integer below 2^53 and W is a power of two, so the double arithmetic is exact.
    /// </remarks>
    public static long WrapDistance(long from, long to)
    {
        var distance = to - from;
        var wraps = Math.Round(distance / (double)WrapTicks, MidpointRounding.AwayFromZero);
        return distance - (long)(wraps * WrapTicks);
    }

    /// <summary>Reduces a timestamp to its 33-bit value in [0, 2^33).</summary>
    public static long Modulo(long pts)
    {
        var value = pts % WrapTicks;
        return value < 0 ? value + WrapTicks : value;
    }

    public static double ToSeconds(long ticks) => ticks / (double)TicksPerSecond;

    public static long FromSeconds(double seconds) => (long)Math.Round(seconds * TicksPerSecond, MidpointRounding.AwayFromZero);

    public static long FromTimeSpan(TimeSpan span) => span.Ticks * 9 / 1000;

    public static TimeSpan ToTimeSpan(long ticks) => TimeSpan.FromTicks(checked(ticks * 1000 / 9));

    /// <summary>Floor division, so that negative stream times fall into the cell before zero.</summary>
    public static long FloorDiv(long value, long divisor)
    {
        var quotient = value / divisor;
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient;
    }
}
