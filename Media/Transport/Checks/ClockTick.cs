namespace Glance.Media.Transport.Checks;

/// <summary>
/// One advance of the stream clock at a PCR of the clock PID: from <see cref="FromClock"/> at byte
/// <see cref="FromPosition"/> (the previous PCR) by <see cref="Step"/> (27 MHz) over <see cref="Span"/> bytes, to
/// <see cref="Now"/> at <see cref="Position"/>. The repetition checks run their timers on it.
/// </summary>
internal readonly record struct ClockTick(long FromClock, long FromPosition, long Step, long Span, long Now, long Position)
{
    /// <summary>
    /// Gives <paramref name="last"/> its interpolated time if it happened since the previous PCR, then tells whether more
    /// than <paramref name="period"/> has passed since; if so the timer restarts here, so a long absence counts once per
    /// full period.
    /// </summary>
    public bool Overdue(ref TimedEvent last, long period)
    {
        last.Settle(FromClock, FromPosition, Step, Span);
        if (Now - last.Clock <= period)
        {
            return false;
        }

        last.Set(Now, Position);
        return true;
    }
}
