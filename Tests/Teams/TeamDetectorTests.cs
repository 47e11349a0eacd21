using Glance.Detection;
using Glance.Detection.Local.Logos;
using Glance.Detection.Local.Teams;
using Glance.Detection.Local.Text;
using Glance.Tests.Logos;
using Glance.Tests.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Glance.Tests.Infrastructure;

namespace Glance.Tests.Teams;

/// <summary>Teams found end to end: ffmpeg-rendered frames, real tesseract, the real logo matcher.</summary>
public sealed class TeamDetectorTests
{
    private static readonly KnownTeam Porto = new("porto", "FC Porto", ["POR"], ["Porto"], null);
    private static readonly KnownTeam Santos = new("santos", "Santos FC", ["SAN"], ["Peixe"], null);
    private static readonly KnownTeam Benfica = new("benfica", "Benfica", ["BEN", "SLB"], [], null);

    [Theory]
    [InlineData(720)]
    [InlineData(360)]
    public async Task Both_teams_of_a_rendered_scoreboard_are_matched(int height)
    {
        var image = await TestMedia.RenderAsync(TestMedia.Backgrounds()[1], height * 16 / 9, height, TestMedia.Scoreboard("POR 1 - 0 SAN", height, out _));
        var context = DetectionContext.Empty with { Teams = [Porto, Santos, Benfica] };

        var detections = await Detector().DetectAsync(new DetectionFrame(image), context, CancellationToken.None);

        detections.Select(d => d.Id).Should().BeEquivalentTo("porto", "santos");
        detections.Should().OnlyContain(d => d.Kind == DetectionKind.Team && d.Detector == "local.teams" && d.Confidence >= 0.6);
        var porto = detections.Single(d => d.Id == "porto");
        porto.Name.Should().Be("FC Porto");
        porto.Box!.Value.X.Should().BeLessThan(detections.Single(d => d.Id == "santos").Box!.Value.X, "POR is left of SAN");
    }

    [Fact]
    public async Task Accented_names_on_screen_match_plain_upper_case_and_back()
    {
        var image = await TestMedia.RenderAsync(TestMedia.Backgrounds()[1], 1280, 720, TestMedia.Scoreboard("SAO PAULO", 720, out _));
        var saoPaulo = new KnownTeam("spfc", "São Paulo", ["SPFC"], [], null);

        var detections = await Detector().DetectAsync(new DetectionFrame(image), DetectionContext.Empty with { Teams = [saoPaulo, Porto] }, CancellationToken.None);

        detections.Should().ContainSingle().Which.Id.Should().Be("spfc");
    }

    [Fact]
    public async Task A_team_is_recognized_by_its_logo_alone()
    {
        var image = await TestMedia.RenderAsync(TestMedia.Backgrounds()[0], 1280, 720, "[bg][1:v]overlay=x=1090:y=30,format=rgb24[out]", await LogoDetectorTests.LogoPngAsync());
        var logo = await LogoDetectorTests.LogoAsync();
        var team = new KnownTeam("gtv-fc", "GTV FC", ["XYZ"], [], logo.Id);

        var detections = await Detector().DetectAsync(new DetectionFrame(image), DetectionContext.Empty with { Teams = [team], Logos = [logo] }, CancellationToken.None);

        var found = detections.Should().ContainSingle().Subject;
        found.Id.Should().Be("gtv-fc");
        found.Box!.Value.X.Should().BeApproximately(1090 / 1280.0, 0.02);
    }

    private static LocalTeamDetector Detector()
    {
        var textOptions = Options.Create(new LocalTextOptions());
        return new LocalTeamDetector(
            new TextRecognizer(new TesseractTextReader(new TesseractEngine(textOptions), textOptions, TestMeters.Text())),
            new LogoMatcher(Options.Create(new LocalLogoOptions())),
            NullLogger<LocalTeamDetector>.Instance);
    }
}
