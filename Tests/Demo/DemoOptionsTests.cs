using System.Globalization;
using Glance.Media.Demo;
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

        programme.At(TimeSpan.FromSeconds(5)).Should().Be(new ProgrammeMoment(TimeSpan.FromSeconds(5), PresenterShown: true, ScoreboardShown: false, Silent: false));
        programme.At(TimeSpan.FromSeconds(15)).Should().Match<ProgrammeMoment>(m => m.PresenterShown && m.ScoreboardShown && !m.Silent);
        programme.At(TimeSpan.FromSeconds(45)).Should().Match<ProgrammeMoment>(m => !m.PresenterShown && m.ScoreboardShown && m.Silent && m.LogoShown);
        programme.At(TimeSpan.FromSeconds(125)).Should().Be(programme.At(TimeSpan.FromSeconds(5)) with { }, "the script repeats every 60 s");
        programme.At(TimeSpan.FromSeconds(20)).PresenterShown.Should().BeFalse("windows end before their end time");
        programme.Break.Should().Be(new CycleWindow(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(40)));
        programme.At(TimeSpan.FromSeconds(35)).Should().Match<ProgrammeMoment>(m => m.InBreak && m.ScoreboardShown && !m.Silent, "the break is signalled while the programme goes on");
        programme.At(TimeSpan.FromSeconds(40)).InBreak.Should().BeFalse();
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
