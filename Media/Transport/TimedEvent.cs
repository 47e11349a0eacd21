namespace Glance.Media.Transport;

/// <summary>
/// The last occurrence of something a repetition check watches: its byte position in the stream, and its time on the
/// analysis clock once known. Between two PCRs the time of a byte is interpolated from its position (the arrival time
/// model of ISO/IEC 13818-1), so an event inside a long PCR gap is not stamped with the time of the PCR before the gap.
/// </summary>
internal struct TimedEvent
{
    public long Clock;
    public long Position;

    public void Set(long clock, long position)
    {
        Clock = clock;
        Position = position;
    }

    /// <summary>Gives an event that happened after the previous PCR (at <paramref name="fromPosition"/>) its interpolated time.</summary>
    public void Settle(long fromClock, long fromPosition, long step, long span)
    {
        if (Position > fromPosition && span > 0)
        {
            Clock = fromClock + (step * (Position - fromPosition) / span);
        }
    }
}
