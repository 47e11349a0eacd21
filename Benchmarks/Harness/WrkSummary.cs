// Tests compiles this file too, without this project's global usings, so it names its own.
using System.Globalization;
using System.Text.RegularExpressions;

namespace Glance.Benchmarks.Harness;

/// <summary>
/// What a `wrk --latency` run printed: requests per second, latency percentiles and non-2xx/3xx responses. Parsing only;
/// the callers run wrk. Linked into the tests too (the cluster run drives wrk the same way).
/// </summary>
public sealed partial record WrkSummary(double RequestsPerSecond, double P50Milliseconds, double P99Milliseconds, long NonSuccessResponses)
{
    /// <returns>The summary, or null when the output has no "Requests/sec" line (wrk failed).</returns>
    public static WrkSummary? Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var rate = RequestsPerSecondLine().Match(output);
        if (!rate.Success)
        {
            return null;
        }

        return new WrkSummary(
            double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture),
            LatencyMilliseconds(output, "50%"),
            LatencyMilliseconds(output, "99%"),
            NonSuccessLine().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0);
    }

    private static double LatencyMilliseconds(string output, string percentile)
    {
        var match = Regex.Match(output, $@"^\s*{Regex.Escape(percentile)}\s+([\d.]+)(us|ms|s)", RegexOptions.Multiline);
        if (!match.Success)
        {
            return double.NaN; // wrk prints the distribution only with --latency
        }

        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecondLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccessLine();
}
