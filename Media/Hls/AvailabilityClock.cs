namespace Glance.Media.Hls;

/// <summary>
/// Predicts when the next segment of a live playlist becomes available, so that reloads land just after it instead of
/// at a random phase. RFC 8216 section 6.3.4 fixes the least a client must wait after a load (a target duration after
/// a change, half of one after no change); it may always wait longer. A poller that only obeys the minimum locks onto
/// whatever phase its first load had and finds each new segment on average half a target duration late, and the rule
/// forbids it to ever load earlier in the cycle. This clock expects a segment at its PROGRAM-DATE-TIME end plus a
/// publishing lag (learned: lowered by early finds, raised by loads that came too soon), and when the allowed phase is
/// late it waits past the next segment once, to land just after the one after it. A load never aims earlier than the
/// smallest delay at which a load has found its segment when that delay is within the realignment threshold: probing
/// below it can only gain what a realignment would not be worth, and a probe that comes too soon costs a whole cycle.
/// Pure: times are passed in.
/// </summary>
/// <param name="Lag">Expected delay from a segment's end (by its date-time) to it being listed.</param>
public sealed record AvailabilityClock(TimeSpan Lag)
{
    /// <summary>How much later than the prediction to load, covering jitter in publishing.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(150);

    /// <summary>Lags beyond this are clock skew or a stalled origin, not publishing: the clock then keeps the RFC minimum.</summary>
    public static readonly TimeSpan MaxPlausibleLag = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A phase this late is worth one skipped cycle to correct: the skip delays one segment by a segment duration
    /// once, and every later segment is then found this much sooner (250 ms pays back within a minute of 6 s
    /// segments; at 400 ms, with the initial lag assumed, a quick origin's loads could settle 0.55 s after each listing).
    /// </summary>
    public static readonly TimeSpan RealignThreshold = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The lag assumed before anything is learned: one margin, so the first loads aim two margins past a segment's
    /// end. Assuming none, the first loads aimed one margin past it, and on the demo channel (listings 0.15-0.3 s
    /// after the end) one of them came too soon within a minute of almost every start, costing its segment a cycle.
    /// Early finds still lower it.
    /// </summary>
    public static readonly TimeSpan InitialLag = Margin;

    public AvailabilityClock()
        : this(InitialLag)
    {
    }

    /// <summary>The smallest delay after a segment's end at which a load has found it, until a load shows it too small.</summary>
    public TimeSpan? Proven { get; init; }

    /// <summary>
    /// Learns from a load. A newest segment seen for the first time was listed at most (load - its end) after its end:
    /// an upper bound. The segment after it, absent from the load, is listed more than (load - its due end) after:
    /// a lower bound. Both count on every load; a load that finds a new segment can still be late for the one after
    /// it, and a poller that only learned from empty loads would stay a whole segment behind.
    /// </summary>
    public AvailabilityClock Observe(MediaPlaylist playlist, DateTimeOffset loadStart, bool foundNew)
    {
        if (End(playlist) is not { } end)
        {
            return this;
        }

        var lag = Lag;
        var proven = Proven;
        var upper = loadStart - end;
        if (foundNew && upper >= TimeSpan.Zero && upper <= MaxPlausibleLag)
        {
            // Only ever lowered by a find: a load timed by this clock finds its segment at Lag + Margin, so moving
            // towards that would ratchet every reload a little later.
            lag = Min(lag, upper);
            proven = proven is { } known ? Min(known, upper) : upper;
        }

        // The lag becomes the bound itself: NextLoad adds the margin once. Adding it here as well put every later
        // load two margins past the bound, which on the demo channel kept discovery at 0.3 s instead of 0.15 s.
        var lower = loadStart - (end + NextDuration(playlist));
        if (lower > lag && lower <= MaxPlausibleLag)
        {
            lag = lower;
        }

        if (lower >= proven)
        {
            // The origin publishes later than it used to: what was proven no longer holds.
            proven = null;
        }

        return lag == Lag && proven == Proven ? this : new AvailabilityClock(lag) { Proven = proven };
    }

    /// <summary>When to load next, never before <paramref name="earliest"/> (the RFC minimum after the last load).</summary>
    public DateTimeOffset NextLoad(MediaPlaylist playlist, DateTimeOffset earliest)
    {
        if (End(playlist) is not { } end)
        {
            return earliest;
        }

        var duration = NextDuration(playlist);
        var delay = Lag + Margin;
        if (Proven is { } proven && proven > delay && proven - delay <= RealignThreshold)
        {
            delay = proven;
        }

        var expected = end + duration + delay;
        if (expected >= earliest)
        {
            // Wait for the segment, unless the prediction is so far off that it is better ignored.
            return expected - earliest <= TimeSpan.FromSeconds(playlist.TargetDuration) ? expected : earliest;
        }

        // The rule lets us load only after the segment is already out: skip past it once to land on the next one.
        var late = earliest - expected;
        return late > RealignThreshold && late < duration ? expected + duration : earliest;
    }

    private static TimeSpan NextDuration(MediaPlaylist playlist) =>
        TimeSpan.FromSeconds(playlist.Segments.Count > 0 ? playlist.Segments[^1].Duration : playlist.TargetDuration);

    private static DateTimeOffset? End(MediaPlaylist playlist) =>
        playlist.Segments.Count > 0 && playlist.Segments[^1] is { ProgramDateTime: { } start } last
            ? start + TimeSpan.FromSeconds(last.Duration)
            : null;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
