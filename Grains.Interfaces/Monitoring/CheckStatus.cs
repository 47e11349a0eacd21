namespace Glance.Grains.Interfaces.Monitoring;

public enum CheckStatus
{
    Pass,
    Fail,

    /// <summary>The check does not apply here (not expected by the program, switched off, nothing scheduled).</summary>
    Skipped,

    /// <summary>The check could not be evaluated (the analysis failed or lacks what the check needs).</summary>
    Error,
}
