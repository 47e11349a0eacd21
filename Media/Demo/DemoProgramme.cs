namespace Glance.Media.Demo;

/// <summary>
/// The synthetic channel's repeating script. Cycles are aligned to the stream's program date-time (a cycle starts
/// whenever the Unix time is a multiple of <see cref="Cycle"/>, give or take ffmpeg's start-up time, which
/// <see cref="SyntheticChannel.ProgrammeAt"/> accounts for), so with the 60 s default the presenter is on screen during
/// seconds 0-20 of every minute, the scoreboard from second 10 to the end of the minute, an ad break is signalled from
/// second 30 to 40 and the tone is silent during seconds 40-50. Any minute of the stream shows everything; windows overlap so a short context window around most
/// positions holds several entities. Windows not set scale with the cycle.
/// </summary>
public sealed record DemoProgramme
{
    private CycleWindow? presenter;
    private CycleWindow? scoreboard;
    private CycleWindow? silence;
    private CycleWindow? adBreak;

    /// <summary>A new instance each time: configuration binding writes into the instance it is given.</summary>
    public static DemoProgramme Default => new();

    public TimeSpan Cycle { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The presenter's photo (a real face the gallery knows) is shown; by default the first third of the cycle.</summary>
    public CycleWindow Presenter
    {
        get => presenter ?? Share(0, 1 / 3.0);
        init => presenter = value;
    }

    /// <summary>The scoreboard plate ("POR 1 - 0 SAN") is shown; by default from a sixth of the cycle to its end.</summary>
    public CycleWindow Scoreboard
    {
        get => scoreboard ?? Share(1 / 6.0, 1);
        init => scoreboard = value;
    }

    /// <summary>The tone is muted (digital silence); by default from two thirds to five sixths of the cycle.</summary>
    public CycleWindow Silence
    {
        get => silence ?? Share(2 / 3.0, 5 / 6.0);
        init => silence = value;
    }

    /// <summary>
    /// An ad break, signalled only: SCTE-35 splice_insert cues in the segments (out at its start with its length as break
    /// duration, back in at its end) while the picture and sound go on, as a network feed does where a local station
    /// would splice its own advertising in. By default from half to two thirds of the cycle.
    /// </summary>
    public CycleWindow Break
    {
        get => adBreak ?? Share(1 / 2.0, 2 / 3.0);
        init => adBreak = value;
    }

    /// <summary>The default script stretched or squeezed to another cycle length (tests use short cycles).</summary>
    public static DemoProgramme ScaledTo(TimeSpan cycle) => cycle > TimeSpan.Zero
        ? new DemoProgramme { Cycle = cycle }
        : throw new ArgumentOutOfRangeException(nameof(cycle), cycle, "The cycle must be positive.");

    /// <summary>What is on at <paramref name="phase"/> (taken modulo the cycle).</summary>
    public ProgrammeMoment At(TimeSpan phase)
    {
        var ticks = phase.Ticks % Cycle.Ticks;
        var inCycle = TimeSpan.FromTicks(ticks < 0 ? ticks + Cycle.Ticks : ticks);
        return new ProgrammeMoment(inCycle, Presenter.Contains(inCycle), Scoreboard.Contains(inCycle), Silence.Contains(inCycle), Break.Contains(inCycle));
    }

    /// <summary>The phase of the cycle at a Unix-epoch aligned instant (program date-time).</summary>
    public TimeSpan PhaseAt(DateTimeOffset instant)
    {
        var ticks = (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) % Cycle.Ticks;
        return TimeSpan.FromTicks(ticks < 0 ? ticks + Cycle.Ticks : ticks);
    }

    /// <exception cref="DemoChannelException">The cycle is out of range or a window does not fit in it.</exception>
    public void Validate()
    {
        if (Cycle < TimeSpan.FromSeconds(2) || Cycle > TimeSpan.FromHours(1))
        {
            throw new DemoChannelException($"The programme cycle must be between 2 s and 1 h; {Cycle} was given.");
        }

        foreach (var (name, window) in new[] { ("presenter", Presenter), ("scoreboard", Scoreboard), ("silence", Silence), ("break", Break) })
        {
            if (window.Start < TimeSpan.Zero || window.End > Cycle || window.Length <= TimeSpan.Zero)
            {
                throw new DemoChannelException($"The {name} window {window} must be a non-empty stretch within the {Cycle.TotalSeconds:0.###} s cycle.");
            }
        }
    }

    /// <summary>A stretch between two fractions of the cycle, rounded to the millisecond.</summary>
    private CycleWindow Share(double from, double to) =>
        new(TimeSpan.FromMilliseconds(Math.Round(Cycle.TotalMilliseconds * from)), TimeSpan.FromMilliseconds(Math.Round(Cycle.TotalMilliseconds * to)));
}
