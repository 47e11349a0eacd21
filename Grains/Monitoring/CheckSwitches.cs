namespace Glance.Grains.Monitoring;

/// <summary>Which checks run for a segment: the service's defaults, then the event's switches, then the program's.</summary>
public static class CheckSwitches
{
    public static IReadOnlySet<MonitoringCheck> Enabled(IEnumerable<MonitoringCheck> disabledByDefault, CheckSettings? forEvent, CheckSettings? forProgram)
    {
        var enabled = Enum.GetValues<MonitoringCheck>().ToHashSet();
        enabled.ExceptWith(disabledByDefault);
        foreach (var level in (ReadOnlySpan<CheckSettings?>)[forEvent, forProgram])
        {
            enabled.ExceptWith(level?.Disabled ?? []);
            enabled.UnionWith(level?.Enabled ?? []);
        }

        return enabled;
    }
}
