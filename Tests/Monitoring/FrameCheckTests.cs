using Glance.Grains.Interfaces.Monitoring;
using Glance.Grains.Monitoring.Checks;
using static Glance.Tests.Monitoring.Segments;

namespace Glance.Tests.Monitoring;

/// <summary>The frame checks (station logo, sport, teams) at their thresholds' boundaries.</summary>
public sealed class FrameCheckTests
{
    [Theory]
    [InlineData(6, CheckStatus.Pass)] // 60 %: exactly the default threshold
    [InlineData(5, CheckStatus.Fail)]
    [InlineData(10, CheckStatus.Pass)]
    public void The_station_logo_passes_from_60_percent_of_the_sampled_frames(int framesWithLogo, CheckStatus expected)
    {
        var segment = Segment(0, 10, i => i < framesWithLogo ? [("logo", "gtv", "GTV Sports")] : [("logo", "other", "Other TV")]);

        var result = new StationLogoCheck().Evaluate(Context(segment, Match()));

        result.Status.Should().Be(expected);
        result.Share.Should().BeApproximately(framesWithLogo / 10.0, 1e-9);
        result.Threshold.Should().Be(0.6);
        result.Frames.Should().HaveCount(10);
        result.Frames[^1].Detected.Should().Be(framesWithLogo == 10 ? "GTV Sports" : "Other TV", "each frame says what it showed");
    }

    [Fact]
    public void A_logo_named_with_other_case_accents_or_one_typo_counts_and_a_configured_threshold_applies()
    {
        var segment = Segment(0, 4, i => i < 3 ? [("logo", null, i == 0 ? "gtv sports" : "GTV Sporst")] : []);

        new StationLogoCheck().Evaluate(Context(segment, Match())).Status.Should().Be(CheckStatus.Pass, "3 of 4 frames");
        new StationLogoCheck().Evaluate(Context(segment, Match(), Defaults with { LogoMinShare = 0.8 })).Status.Should().Be(CheckStatus.Fail);
    }

    [Fact]
    public void No_frames_or_a_failing_logo_detector_is_an_error_and_no_expected_logo_is_skipped()
    {
        new StationLogoCheck().Evaluate(Context(Segment(0, 0), Match())).Status.Should().Be(CheckStatus.Error);
        var broken = Segment(0, 4) with { DetectorErrors = ["local.logos on frame 1: model missing"] };
        new StationLogoCheck().Evaluate(Context(broken, Match())).Status.Should().Be(CheckStatus.Error);
        new StationLogoCheck().Evaluate(Context(Segment(0, 4), Match() with { StationLogo = null })).Status.Should().Be(CheckStatus.Skipped);
        new StationLogoCheck().Evaluate(Context(Segment(0, 4), null)).Status.Should().Be(CheckStatus.Skipped);
    }

    [Fact]
    public void A_frame_check_whose_detector_the_event_does_not_run_is_skipped_not_failed()
    {
        var withoutLogos = Segment(0, 4) with { Detectors = ["faces", "text"] };
        var withLogos = Segment(0, 4) with { Detectors = ["logos"] };

        var skipped = new StationLogoCheck().Evaluate(Context(withoutLogos, Match()));

        skipped.Status.Should().Be(CheckStatus.Skipped);
        skipped.Reason.Should().Contain("no logos detector");
        new SportCheck().Evaluate(Context(withoutLogos, Match())).Status.Should().Be(CheckStatus.Skipped);
        new StationLogoCheck().Evaluate(Context(withLogos, Match())).Status.Should().Be(CheckStatus.Fail, "the detector ran and saw no logo");
        new TeamsCheck().Evaluate(Context(withoutLogos, Match())).Status.Should().Be(CheckStatus.Fail, "text that names a team is seen without the team detector");
        new TeamsCheck().Evaluate(Context(Segment(0, 4) with { Detectors = ["faces"] }, Match())).Status.Should().Be(CheckStatus.Skipped);
    }

    [Theory]
    [InlineData(5, CheckStatus.Pass)] // 50 %: the default threshold
    [InlineData(4, CheckStatus.Fail)]
    public void The_sport_passes_from_50_percent(int framesWithSport, CheckStatus expected)
    {
        var segment = Segment(0, 10, i => i < framesWithSport ? [("sport", "scene", "Soccer")] : [("sport", "scene", "tennis")]);

        new SportCheck().Evaluate(Context(segment, Match())).Status.Should().Be(expected);
    }

    [Fact]
    public void Sport_and_teams_are_not_checked_during_news()
    {
        var segment = Segment(0, 10);

        var sport = new SportCheck().Evaluate(Context(segment, News()));
        var teams = new TeamsCheck().Evaluate(Context(segment, News()));

        sport.Status.Should().Be(CheckStatus.Skipped);
        sport.Reason.Should().Contain("news");
        teams.Status.Should().Be(CheckStatus.Skipped);
    }

    [Theory]
    [InlineData(2, CheckStatus.Pass)] // 20 %: the default threshold
    [InlineData(1, CheckStatus.Fail)]
    public void Each_team_must_be_seen_in_20_percent_and_the_weakest_decides(int framesWithSantos, CheckStatus expected)
    {
        // Porto in every frame by the team detector; Santos by its abbreviation on screen, or its logo.
        var segment = Segment(0, 10, i =>
        {
            List<(string, string?, string)> seen = [("team", "porto", "Porto")];
            if (i < framesWithSantos)
            {
                seen.Add(i % 2 == 0 ? ("text", null, "SAN") : ("logo", "santos-crest", "Santos FC"));
            }

            return seen;
        });

        var result = new TeamsCheck().Evaluate(Context(segment, Match()));

        result.Status.Should().Be(expected);
        result.Share.Should().BeApproximately(framesWithSantos / 10.0, 1e-9);
        result.Detected.Should().Contain("Porto 100 %");
        result.Frames[0].Detected.Should().Contain("Santos by text 'SAN'");
        if (framesWithSantos > 1)
        {
            result.Frames[1].Detected.Should().Contain("Santos by logo 'Santos FC'");
        }
    }

    [Fact]
    public void Text_and_logo_evidence_combine_with_their_weights()
    {
        var halfWeights = Defaults with { TeamTextWeight = 0.5, TeamLogoWeight = 0.5, TeamMinShare = 0.5 };
        var textOnly = Segment(0, 2, _ => [("text", null, "PORTO"), ("text", null, "SANTOS")]);
        var both = Segment(0, 2, _ => [("text", null, "PORTO"), ("logo", null, "Porto"), ("text", null, "SANTOS"), ("logo", null, "Santos")]);

        new TeamsCheck().Evaluate(Context(textOnly, Match(), halfWeights)).Share.Should().Be(0.5);
        new TeamsCheck().Evaluate(Context(both, Match(), halfWeights)).Share.Should().Be(1);
        new TeamsCheck().Evaluate(Context(Segment(0, 2), Match(), halfWeights)).Status.Should().Be(CheckStatus.Fail);
    }
}
