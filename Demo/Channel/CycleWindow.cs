namespace Glance.Demo.Channel;

/// <summary>A stretch of the programme cycle, from <see cref="Start"/> (included) to <see cref="End"/> (excluded).</summary>
public readonly record struct CycleWindow(TimeSpan Start, TimeSpan End)
{
    public TimeSpan Length => End - Start;

    public TimeSpan Middle => Start + ((End - Start) / 2);

    public bool Contains(TimeSpan phase) => phase >= Start && phase < End;

    /// <summary>Whether a phase within the cycle falls in the window, which may run past the cycle's end into the next (a fault that straddles the turn of the cycle).</summary>
    public bool Covers(TimeSpan phase, TimeSpan cycle) => Contains(phase) || Contains(phase + cycle);

    public override string ToString() => $"{Start.TotalSeconds:0.###}-{End.TotalSeconds:0.###} s";
}
