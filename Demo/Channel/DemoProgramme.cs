namespace Glance.Demo.Channel;

/// <summary>
/// The synthetic channel's repeating script. Cycles are aligned to the stream's program date-time (a cycle starts
/// whenever the Unix time is a multiple of <see cref="Cycle"/>, give or take ffmpeg's start-up time, which
/// <see cref="SyntheticChannel.ProgrammeAt"/> accounts for). With the 60 s default: news (the presenter) during seconds
/// 0-20, then a match (the scoreboard from second 10 to the end), an ad break signalled from 30 to 40, and scripted
/// faults for monitoring to find: other teams on the scoreboard from 20 to 44, silence from 40 to 50, black frames from
/// 44 to 48, and no station logo from 50 to 10 of the next cycle. The wrong teams (with the black frames after them)
/// and the logo dropout (with the black frames before it) each fail their check on three 6 s segments in a row at any
/// segment alignment, one after the other, so an incident opens within about 50 s of the channel starting, whatever
/// its phase. Any minute of the stream shows everything; windows overlap so a short context
/// window around most positions holds several entities. Windows not set scale with the cycle.
/// </summary>
public sealed record DemoProgramme
{
    private CycleWindow? presenter;
    private CycleWindow? scoreboard;
    private CycleWindow? silence;
    private CycleWindow? adBreak;
    private CycleWindow? news;
    private CycleWindow? wrongTeams;
    private CycleWindow? logoDropout;
    private CycleWindow? black;

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

    /// <summary>The news programme (the demo schedule's "news"; the rest of the cycle is the match); by default the presenter's third.</summary>
    public CycleWindow News
    {
        get => news ?? Share(0, 1 / 3.0);
        init => news = value;
    }

    /// <summary>
    /// Fault: the scoreboard shows teams the schedule does not expect; by default from the match's start (a third) to
    /// where the black frames begin. The teams check passes on one frame in five, so a segment fails only when nearly
    /// all its frames miss the teams: 24 s (with the black frames after it) make three such segments at any alignment.
    /// </summary>
    public CycleWindow WrongTeams
    {
        get => wrongTeams ?? Share(1 / 3.0, 11 / 15.0);
        init => wrongTeams = value;
    }

    /// <summary>Fault: the station logo is missing; by default from five sixths of the cycle into the first sixth of the next.</summary>
    public CycleWindow LogoDropout
    {
        get => logoDropout ?? Share(5 / 6.0, 7 / 6.0);
        init => logoDropout = value;
    }

    /// <summary>Fault: black frames (the picture and every overlay gone, the sound goes on); by default 4 s of each minute, inside the silence.</summary>
    public CycleWindow Black
    {
        get => black ?? Share(11 / 15.0, 4 / 5.0);
        init => black = value;
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
        var dark = Black.Covers(inCycle, Cycle);
        var plate = Scoreboard.Contains(inCycle) && !dark;
        var wrong = WrongTeams.Covers(inCycle, Cycle);
        return new ProgrammeMoment(
            inCycle,
            PresenterShown: Presenter.Contains(inCycle) && !dark,
            ScoreboardShown: plate && !wrong,
            Silent: Silence.Contains(inCycle),
            InBreak: Break.Contains(inCycle),
            LogoShown: !LogoDropout.Covers(inCycle, Cycle) && !dark,
            OtherTeamsShown: plate && wrong,
            Black: dark,
            News: News.Contains(inCycle));
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

        foreach (var (name, window) in new[] { ("presenter", Presenter), ("scoreboard", Scoreboard), ("silence", Silence), ("break", Break), ("news", News) })
        {
            if (window.Start < TimeSpan.Zero || window.End > Cycle || window.Length <= TimeSpan.Zero)
            {
                throw new DemoChannelException($"The {name} window {window} must be a non-empty stretch within the {Cycle.TotalSeconds:0.###} s cycle.");
            }
        }

        // Faults may straddle the turn of the cycle, so a long one need not be cut in two.
        foreach (var (name, window) in new[] { ("wrong-teams", WrongTeams), ("logo dropout", LogoDropout), ("black", Black) })
        {
            if (window.Start < TimeSpan.Zero || window.Start >= Cycle || window.Length <= TimeSpan.Zero || window.Length >= Cycle)
            {
                throw new DemoChannelException($"The {name} window {window} must start within the {Cycle.TotalSeconds:0.###} s cycle and be shorter than it (it may run into the next cycle).");
            }
        }
    }

    /// <summary>A stretch between two fractions of the cycle, rounded to the millisecond.</summary>
    private CycleWindow Share(double from, double to) =>
        new(TimeSpan.FromMilliseconds(Math.Round(Cycle.TotalMilliseconds * from)), TimeSpan.FromMilliseconds(Math.Round(Cycle.TotalMilliseconds * to)));
}
