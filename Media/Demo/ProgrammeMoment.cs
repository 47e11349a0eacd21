namespace Glance.Media.Demo;

/// <summary>What the synthetic channel shows and plays at one point of its programme cycle.</summary>
/// <param name="Phase">Time since the start of the current cycle.</param>
/// <param name="InBreak">Within the ad break the segments' SCTE-35 cues announce (nothing on screen changes).</param>
public sealed record ProgrammeMoment(TimeSpan Phase, bool PresenterShown, bool ScoreboardShown, bool Silent, bool InBreak = false)
{
    /// <summary>The station logo is on screen the whole time.</summary>
    public bool LogoShown => true;
}
