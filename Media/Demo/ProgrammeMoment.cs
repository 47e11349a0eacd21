namespace Glance.Media.Demo;

/// <summary>What the synthetic channel shows and plays at one point of its programme cycle.</summary>
/// <param name="Phase">Time since the start of the current cycle.</param>
public sealed record ProgrammeMoment(TimeSpan Phase, bool PresenterShown, bool ScoreboardShown, bool Silent)
{
    /// <summary>The station logo is on screen the whole time.</summary>
    public bool LogoShown => true;
}
