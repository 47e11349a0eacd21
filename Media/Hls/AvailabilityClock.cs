namespace Glance.Media.Hls;

/// <summary>
/// Predicts when the next segment of a live playlist becomes available, so that reloads land just after it instead of
/// at a random phase. RFC 8216 section 6.3.4 fixes the least a client must wait after a load (a target duration after
/// a change); it may always wait longer. A poller that only obeys the minimum locks onto whatever phase its first load
/// had, and finds each new segment on average half a target duration late; this clock moves the phase to just after
/// the segment's expected availability: its PROGRAM-DATE-TIME end plus the publishing lag observed so far.
/// Pure: every time is passed in; the state is this small record.
/// </summary>
/// <param name="Lag">Least observed delay from a segment's end (by its date-time) to our load finding it; null until measured.</param>
public sealed record AvailabilityClock(TimeSpan? Lag = null)
{
    /// <summary>How much later than the prediction to load, covering jitter in publishing.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(150);

    /// <summary>How fast an old low lag estimate gives way, per load, when publishing got slower.</summary>
    public static readonly TimeSpan Drift = TimeSpan.FromMilliseconds(50);

    /// <summary>Lags beyond this are not publishing delays but clock skew or a stalled origin: they teach nothing.</summary>
    public static readonly TimeSpan MaxPlausibleLag = TimeSpan.FromSeconds(30);

    /// <summary>Learns from a load that found new segments: <paramref name="loadStart"/> against the newest segment's end.</summary>
    public AvailabilityClock Observe(MediaPlaylist playlist, DateTimeOffset loadStart)
    {
        if (End(playlist) is not { } end)
        {
            return this;
        }

        var observed = loadStart - end;
        if (observed < TimeSpan.Zero || observed > MaxPlausibleLag)
        {
            return this;
        }

        var drifted = Lag is { } lag ? lag + Drift : observed;
        return new AvailabilityClock(observed < drifted ? observed : drifted);
    }

    /// <summary>
    /// When to load next: never before <paramref name="earliest"/> (the RFC minimum), and not before the next segment
    /// is expected (its end by date-time, plus the learned lag and a margin) unless that is more than a target duration
    /// away, which means the estimate is off.
    /// </summary>
    public DateTimeOffset NextLoad(MediaPlaylist playlist, DateTimeOffset earliest)
    {
        if (Lag is not { } lag || End(playlist) is not { } end || playlist.Segments.Count == 0)
        {
            return earliest;
        }

        var expected = end + TimeSpan.FromSeconds(playlist.Segments[^1].Duration) + lag + Margin;
        var latest = earliest + TimeSpan.FromSeconds(playlist.TargetDuration);
        return expected <= earliest ? earliest : expected > latest ? earliest : expected;
    }

    private static DateTimeOffset? End(MediaPlaylist playlist) =>
        playlist.Segments.Count > 0 && playlist.Segments[^1] is { ProgramDateTime: { } start } last
            ? start + TimeSpan.FromSeconds(last.Duration)
            : null;
}
