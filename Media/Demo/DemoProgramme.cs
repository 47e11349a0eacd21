namespace Glance.Media.Demo;

/// <summary>
/// The synthetic channel's repeating script. Cycles are aligned to the stream's program date-time (a cycle starts
/// whenever the Unix time is a multiple of <see cref="Cycle"/>), so with the 60 s default the presenter is on screen
/// during seconds 0-20 of every minute, the scoreboard from second 10 to the end of the minute and the tone is silent
/// during seconds 40-50. Any minute of the stream shows everything; windows overlap so a short context window around
/// most positions holds several entities.
/// </summary>
public sealed record DemoProgramme
{
    public static DemoProgramme Default { get; } = new();

    public TimeSpan Cycle { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The presenter's photo (a real face the gallery knows) is shown.</summary>
    public CycleWindow Presenter { get; init; } = new(TimeSpan.Zero, TimeSpan.FromSeconds(20));

    /// <summary>The scoreboard plate ("POR 1 - 0 SAN") is shown.</summary>
    public CycleWindow Scoreboard { get; init; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60));

    /// <summary>The tone is muted (digital silence).</summary>
    public CycleWindow Silence { get; init; } = new(TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(50));

    /// <summary>The default script stretched or squeezed to another cycle length (tests use short cycles).</summary>
    public static DemoProgramme ScaledTo(TimeSpan cycle)
    {
        if (cycle <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(cycle), cycle, "The cycle must be positive.");
        }

        var factor = cycle / Default.Cycle;
        CycleWindow Scale(CycleWindow window) => new(window.Start * factor, window.End * factor);
        return new DemoProgramme
        {
            Cycle = cycle,
            Presenter = Scale(Default.Presenter),
            Scoreboard = Scale(Default.Scoreboard),
            Silence = Scale(Default.Silence),
        };
    }

    /// <summary>What is on at <paramref name="phase"/> (taken modulo the cycle).</summary>
    public ProgrammeMoment At(TimeSpan phase)
    {
        var ticks = phase.Ticks % Cycle.Ticks;
        var inCycle = TimeSpan.FromTicks(ticks < 0 ? ticks + Cycle.Ticks : ticks);
        return new ProgrammeMoment(inCycle, Presenter.Contains(inCycle), Scoreboard.Contains(inCycle), Silence.Contains(inCycle));
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

        foreach (var (name, window) in new[] { ("presenter", Presenter), ("scoreboard", Scoreboard), ("silence", Silence) })
        {
            if (window.Start < TimeSpan.Zero || window.End > Cycle || window.Length <= TimeSpan.Zero)
            {
                throw new DemoChannelException($"The {name} window {window} must be a non-empty stretch within the {Cycle.TotalSeconds:0.###} s cycle.");
            }
        }
    }
}
