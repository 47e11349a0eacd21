namespace Glance.Demo.Channel;

/// <summary>What the synthetic channel shows and plays at one point of its programme cycle (what is visible: black frames hide every overlay).</summary>
/// <param name="Phase">Time since the start of the current cycle.</param>
/// <param name="ScoreboardShown">The scoreboard with the scheduled teams (Porto v Santos).</param>
/// <param name="InBreak">Within the ad break the segments' SCTE-35 cues announce (nothing on screen changes).</param>
/// <param name="LogoShown">The station logo is on screen (all the time but the logo dropout and black frames).</param>
/// <param name="OtherTeamsShown">The scoreboard shows teams the schedule does not expect (the wrong-team window).</param>
/// <param name="Black">The picture is black.</param>
/// <param name="News">The news part of the cycle (else the match), as the demo's schedule says.</param>
public sealed record ProgrammeMoment(
    TimeSpan Phase,
    bool PresenterShown,
    bool ScoreboardShown,
    bool Silent,
    bool InBreak = false,
    bool LogoShown = true,
    bool OtherTeamsShown = false,
    bool Black = false,
    bool News = false);
