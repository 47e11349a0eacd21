using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Glance.Tests.Cluster;

/// <summary>
/// Viewer context traffic from wrk (installed by scripts/setup) against one Glance process: random positions over the
/// recorded part of the given events, one viewer token. wrk is killed with its tree if it overruns its bound.
/// </summary>
internal static partial class WrkLoad
{
    public sealed record Result(string Process, double RequestsPerSecond, double P99Milliseconds, long NonSuccess);

    public static async Task<Result> RunAsync(ClusterProcess target, string viewerToken, IReadOnlyList<string> eventIds, int seconds, int connections, CancellationToken cancellationToken)
    {
        var script = Path.Combine(Path.GetTempPath(), $"glance-cluster-wrk-{Guid.NewGuid():N}.lua");
        var events = string.Join(", ", eventIds.Select(e => $"\"{e}\""));
        await File.WriteAllTextAsync(script, $$"""
            local events = { {{events}} }
            wrk.headers["Authorization"] = "Bearer {{viewerToken}}"
            request = function()
              local event = events[math.random(1, #events)]
              return wrk.format("GET", "/v1/events/" .. event .. "/context?position=" .. math.random(0, 20) .. "&before=10&after=5")
            end
            """, cancellationToken);
        try
        {
            var info = new ProcessStartInfo("wrk") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "-t1", $"-c{connections}", $"-d{seconds}s", "--latency", "-s", script, target.BaseUri.ToString().TrimEnd('/') })
            {
                info.ArgumentList.Add(argument);
            }

            using var process = Process.Start(info) ?? throw new InvalidOperationException("wrk did not start.");
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bound.CancelAfter(TimeSpan.FromSeconds(seconds + 30));
            try
            {
                await process.WaitForExitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            var text = await output;
            var rate = RequestsPerSecond().Match(text);
            if (process.ExitCode != 0 || !rate.Success)
            {
                throw new InvalidOperationException($"wrk against {target.Name} exited {process.ExitCode}: {text}{await process.StandardError.ReadToEndAsync(cancellationToken)}");
            }

            return new Result(
                target.Name,
                double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture),
                LatencyMilliseconds(text, "99%"),
                NonSuccess().Match(text) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static double LatencyMilliseconds(string output, string percentile)
    {
        var match = Regex.Match(output, $@"^\s*{Regex.Escape(percentile)}\s+([\d.]+)(us|ms|s)", RegexOptions.Multiline);
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();
}
