namespace Glance.Grains.Monitoring.Checks;

/// <summary>Shorthands for the results the checks return.</summary>
public static class CheckResults
{
    public static CheckResult Skipped(MonitoringCheck check, string reason, string? expected = null) =>
        new(check, CheckStatus.Skipped, reason, expected, null, null, null, []);

    public static CheckResult Error(MonitoringCheck check, string reason, string? expected = null) =>
        new(check, CheckStatus.Error, reason, expected, null, null, null, []);

    public static CheckResult Judged(MonitoringCheck check, bool pass, string reason, string? expected, string? detected, double? threshold) =>
        new(check, pass ? CheckStatus.Pass : CheckStatus.Fail, reason, expected, detected, null, threshold, []);

    /// <summary>Seconds, for reasons.</summary>
    public static string Seconds(double value) => value.ToString("0.0##", System.Globalization.CultureInfo.InvariantCulture) + " s";

    public static string Percent(double share) => (share * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " %";
}
