using System.Globalization;
using Glance.Demo.Channel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Glance.Tests.Demo;

/// <summary>The programme script, the options and the ffmpeg command, without running anything.</summary>
public sealed class DemoOptionsTests
{
    private static readonly DemoLayout Layout720 = DemoLayout.Create(1280, 720, 150, 60, 680, 680);

    [Fact]
    public void The_default_script_shows_everything_within_a_minute()
    {
        var programme = DemoProgramme.Default;

        programme.At(TimeSpan.FromSeconds(5)).Should().Be(new ProgrammeMoment(TimeSpan.FromSeconds(5), PresenterShown: true, ScoreboardShown: false, Silent: false, LogoShown: false, News: true));
        programme.At(TimeSpan.FromSeconds(15)).Should().Match<ProgrammeMoment>(m => m.PresenterShown && m.ScoreboardShown && !m.Silent && m.LogoShown && m.News);
        programme.At(TimeSpan.FromSeconds(49)).Should().Match<ProgrammeMoment>(m => !m.PresenterShown && m.ScoreboardShown && m.Silent && m.LogoShown && !m.News);
        programme.At(TimeSpan.FromSeconds(125)).Should().Be(programme.At(TimeSpan.FromSeconds(5)) with { }, "the script repeats every 60 s");
        programme.At(TimeSpan.FromSeconds(20)).PresenterShown.Should().BeFalse("windows end before their end time");
        programme.Break.Should().Be(new CycleWindow(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(40)));
        programme.At(TimeSpan.FromSeconds(35)).Should().Match<ProgrammeMoment>(m => m.InBreak && !m.Silent && m.OtherTeamsShown, "the break is signalled while the programme goes on");
        programme.At(TimeSpan.FromSeconds(40)).InBreak.Should().BeFalse();
    }

    [Fact]
    public void The_default_script_has_faults_a_monitor_finds_each_long_enough_for_an_incident_and_half_a_cycle_apart()
    {
        var programme = DemoProgramme.Default;
        var second = Enumerable.Range(0, 120).Select(s => programme.At(TimeSpan.FromSeconds(s + 0.5))).ToList();

        (programme.News, programme.WrongTeams, programme.Black, programme.LogoDropout).Should().Be((
            new CycleWindow(TimeSpan.Zero, TimeSpan.FromSeconds(20)),
            new CycleWindow(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(44)),
            new CycleWindow(TimeSpan.FromSeconds(44), TimeSpan.FromSeconds(48)),
            new CycleWindow(TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(70))));
        Enumerable.Range(0, 60).Where(s => second[s].OtherTeamsShown).Should().Equal(Enumerable.Range(20, 24), "other teams from 20 to 44, in the match");
        Enumerable.Range(0, 60).Where(s => !second[s].News).Should().Equal(Enumerable.Range(20, 40), "news then the match");
        Enumerable.Range(0, 60).Where(s => second[s].Black).Should().Equal(Enumerable.Range(44, 4));
        Enumerable.Range(0, 60).Where(s => !second[s].LogoShown).Should().Equal([.. Enumerable.Range(0, 10), .. Enumerable.Range(44, 4), .. Enumerable.Range(50, 10)], "the dropout runs into the next cycle; black hides the logo too");
        Enumerable.Range(0, 60).Where(s => second[s].Black).Should().OnlyContain(s => !second[s].PresenterShown && !second[s].ScoreboardShown && !second[s].OtherTeamsShown && second[s].Silent);
        second[60].Should().Be(second[0] with { }, "the dropout straddles the turn of the cycle the same way every time");

        // Three 6 s segments in a row fail a check (Monitoring:IncidentOpenAfter = 3), at any segment alignment: the logo
        // check fails a segment when 3 of its 6 frames miss the logo (60 % needed), the teams check when at most one
        // shows them (20 % needed); a segment starting in the news skips the teams check, which breaks no run.
        for (var alignment = 0.0; alignment < 6; alignment += 0.25)
        {
            var starts = Enumerable.Range(0, 30).Select(k => alignment + (6 * k)).ToList();
            bool Run(Func<double, bool> fails, Func<double, bool> skipped)
            {
                var run = 0;
                foreach (var start in starts)
                {
                    run = skipped(start) ? run : fails(start) ? run + 1 : 0;
                    if (run == 3)
                    {
                        return true;
                    }
                }

                return false;
            }

            var frames = (double start) => Enumerable.Range(0, 6).Select(f => programme.At(TimeSpan.FromSeconds(start + f + 0.5))).ToList();
            Run(start => frames(start).Count(m => !m.LogoShown) >= 3, _ => false).Should().BeTrue($"the logo fails three segments in a row at alignment {alignment}");
            Run(start => frames(start).Count(m => m.ScoreboardShown) <= 1, start => programme.At(TimeSpan.FromSeconds(start)).News).Should().BeTrue($"the teams fail three segments in a row at alignment {alignment}");
        }
    }

    [Fact]
    public void The_cycle_is_aligned_to_the_clock()
    {
        var instant = new DateTimeOffset(2026, 11, 21, 12, 34, 7, 250, TimeSpan.Zero);

        DemoProgramme.Default.PhaseAt(instant).Should().Be(TimeSpan.FromSeconds(7.25));
        DemoProgramme.Default.PhaseAt(instant.ToOffset(TimeSpan.FromHours(2))).Should().Be(TimeSpan.FromSeconds(7.25));
        DemoProgramme.ScaledTo(TimeSpan.FromSeconds(12)).PhaseAt(instant).Should().Be(TimeSpan.FromSeconds(7.25), "a minute is five 12 s cycles");
        DemoProgramme.ScaledTo(TimeSpan.FromSeconds(7)).PhaseAt(DateTimeOffset.UnixEpoch.AddSeconds(7_000_003.5)).Should().Be(TimeSpan.FromSeconds(3.5));
    }

    [Fact]
    public void A_scaled_script_keeps_the_proportions()
    {
        var programme = DemoProgramme.ScaledTo(TimeSpan.FromSeconds(12));

        (programme.Presenter, programme.Scoreboard, programme.Silence).Should().Be((
            new CycleWindow(TimeSpan.Zero, TimeSpan.FromSeconds(4)),
            new CycleWindow(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(12)),
            new CycleWindow(TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(10))));
        programme.Break.Should().Be(new CycleWindow(TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(8)));
        (programme.WrongTeams, programme.LogoDropout).Should().Be((
            new CycleWindow(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8.8)),
            new CycleWindow(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(14))));
    }

    [Theory]
    [InlineData("window")]
    [InlineData("break")]
    [InlineData("segment")]
    [InlineData("playlist")]
    [InlineData("size")]
    public void Bad_options_are_refused_with_a_reason(string what)
    {
        var options = what switch
        {
            "window" => new SyntheticChannelOptions { Programme = DemoProgramme.Default with { Silence = new(TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(70)) } },
            "break" => new SyntheticChannelOptions { Programme = DemoProgramme.Default with { Break = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)) } },
            "segment" => new SyntheticChannelOptions { SegmentSeconds = 5, KeyframeSeconds = 2 },
            "playlist" => new SyntheticChannelOptions { PlaylistName = "../live.m3u8" },
            _ => new SyntheticChannelOptions { Width = 641 },
        };

        var act = options.Validate;

        act.Should().Throw<DemoChannelException>().Which.Message.Should().Contain(what switch
        {
            "window" => "silence window",
            "break" => "break window",
            "segment" => "multiple of KeyframeSeconds",
            "playlist" => "plain file name",
            _ => "641x360",
        });
    }

    [Fact]
    public async Task Options_bind_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Demo:Channel:OutputFolder"] = "/tmp/somewhere",
            ["Demo:Channel:SegmentSeconds"] = "4",
            ["Demo:Channel:Width"] = "1280",
            ["Demo:Channel:Height"] = "720",
            ["Demo:Channel:FaceCrop:X"] = "10",
            ["Demo:Channel:FaceCrop:Y"] = "20",
            ["Demo:Channel:FaceCrop:Width"] = "300",
            ["Demo:Channel:FaceCrop:Height"] = "300",
            ["Demo:Channel:Programme:Cycle"] = "00:00:30",
            ["Demo:Channel:Programme:Silence:Start"] = "00:00:20",
            ["Demo:Channel:Programme:Silence:End"] = "00:00:25",
            ["Demo:Channel:Programme:Break:Start"] = "00:00:05",
            ["Demo:Channel:Programme:Break:End"] = "00:00:08",
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddSyntheticChannel(configuration).BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<SyntheticChannelOptions>>().Value;

        (options.OutputFolder, options.SegmentSeconds, options.Width, options.Height).Should().Be(("/tmp/somewhere", 4, 1280, 720));
        options.FaceCrop.Should().Be(new FaceCrop(10, 20, 300, 300));
        options.Programme.Cycle.Should().Be(TimeSpan.FromSeconds(30));
        options.Programme.Silence.Should().Be(new CycleWindow(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(25)));
        options.Programme.Break.Should().Be(new CycleWindow(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(8)));
        options.Programme.Presenter.Should().Be(new CycleWindow(TimeSpan.Zero, TimeSpan.FromSeconds(10)), "windows not configured scale with the cycle");
        DemoProgramme.Default.Cycle.Should().Be(TimeSpan.FromSeconds(60), "binding does not write into the shared default");
        services.GetRequiredService<SyntheticChannel>().Options.Should().BeSameAs(options);
    }

    [Fact]
    public void The_command_asks_for_live_HLS_with_exact_segments_and_TR_101_290_repetition()
    {
        var options = new SyntheticChannelOptions { Width = 1280, Height = 720 };

        var fresh = ChannelCommand.Build(options, Layout720, "/work/p.png", "/work/l.png", TimeSpan.FromSeconds(12.3456), 0, appendToPlaylist: false);
        var restart = ChannelCommand.Build(options, Layout720, "/work/p.png", "/work/l.png", TimeSpan.Zero, 42, appendToPlaylist: true);

        Value(fresh, "-hls_time").Should().Be("6");
        Value(fresh, "-g").Should().Be("25");
        Value(fresh, "-keyint_min").Should().Be("25");
        Value(fresh, "-sc_threshold").Should().Be("0");
        Value(fresh, "-hls_segment_options").Should().Be("pat_period=0.1:pcr_period=20");
        Value(fresh, "-hls_flags").Should().Be("program_date_time+independent_segments+temp_file", "the channel publishes segments and deletes old ones itself");
        Value(restart, "-hls_flags").Should().EndWith("+append_list");
        Value(restart, "-start_number").Should().Be("42");
        fresh.Count(a => a == "-re").Should().Be(4, "every input is read in real time");
        Value(fresh, "-filter_complex").Should().Contain("mod(t+12.346,60)").And.Contain("drawtext=fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf:text='POR 1 - 0 SAN'");
        Value(fresh, "-filter_complex").Should().Contain("text='LIV 2 - 1 ARS'", "the wrong-team window").And.Contain("noise=", "black frames that keep the video PID busy")
            .And.Contain("gte(mod(t+12.346,60)+60,50)*lt(mod(t+12.346,60)+60,70)", "the logo dropout runs into the next cycle");
        fresh[^1].Should().Be("live.m3u8");
    }

    [Fact]
    public void Overlays_scale_with_the_frame_height()
    {
        var half = DemoLayout.Create(640, 360, 150, 60, 680, 680);

        Layout720.Logo.Should().Be(new ScreenRect(1090, 30, 150, 60), "the logo template is defined at its size in a 720-line frame");
        Layout720.Scoreboard.Should().Be(new ScreenRect(40, 36, 420, 72));
        Layout720.Presenter.Should().Be(new ScreenRect(800, 170, 420, 420));
        half.Scoreboard.Should().Be(new ScreenRect(20, 18, 210, 36));
        half.Presenter.Should().Be(new ScreenRect(400, 85, 210, 210));
        half.ScoreboardFontSize.Should().Be(22);
    }

    [Fact]
    public void A_photo_too_wide_for_the_picture_is_refused()
    {
        var act = () => DemoLayout.Create(640, 360, 150, 60, 1920, 400);

        act.Should().Throw<DemoChannelException>().WithMessage("*too wide*");
    }

    private static string Value(IReadOnlyList<string> arguments, string name)
    {
        var index = arguments.ToList().IndexOf(name);
        index.Should().BeGreaterThanOrEqualTo(0, $"{name} is passed");
        return arguments[index + 1];
    }
}
