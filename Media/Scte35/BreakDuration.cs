namespace Glance.Media.Scte35;

/// <summary>break_duration(): length of the break in 90 kHz ticks, and whether the splicer returns on its own.</summary>
public sealed record BreakDuration(bool AutoReturn, long Duration)
{
    public double Seconds => Duration / 90_000.0;

    internal static BreakDuration Read(ref Scte35BitReader reader)
    {
        var autoReturn = reader.ReadFlag();
        reader.Skip(6);
        return new BreakDuration(autoReturn, (long)reader.ReadBits(33));
    }
}
