namespace Glance.Demo.Channel;

/// <summary>
/// Everything a caller registers so that the detectors name what the synthetic channel shows: the presenter for the
/// face gallery, the station logo, the two teams of the scoreboard. The pictures are the ones the channel overlays.
/// </summary>
public sealed record DemoGallery(DemoPerson Presenter, DemoLogo Logo, IReadOnlyList<DemoTeam> Teams, string ScoreboardText)
{
    public const string PresenterId = "demo-presenter";
    public const string PresenterName = "Demo Presenter";
    public const string LogoId = "gtv";
    public const string LogoName = "GTV Sports";
    public const string HomeTeamId = "porto";
    public const string AwayTeamId = "santos";

    /// <summary>The scoreboard's text: no quote, colon or backslash, so it needs no escaping in an ffmpeg filter.</summary>
    public const string DefaultScoreboardText = "POR 1 - 0 SAN";

    /// <summary>What the scoreboard shows in the programme's wrong-team window: teams the gallery does not know, so the
    /// teams check of a schedule expecting Porto v Santos fails.</summary>
    public const string WrongTeamsScoreboardText = "LIV 2 - 1 ARS";

    public static IReadOnlyList<DemoTeam> DefaultTeams { get; } =
    [
        new(HomeTeamId, "Porto", ["POR"]),
        new(AwayTeamId, "Santos", ["SAN"]),
    ];
}
