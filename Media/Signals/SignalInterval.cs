namespace Glance.Media.Signals;

/// <summary>A stretch of a signal condition, in stream time (seconds since the event started). End is exclusive.</summary>
public sealed record SignalInterval(double Start, double End)
{
    public double Duration => End - Start;
}
