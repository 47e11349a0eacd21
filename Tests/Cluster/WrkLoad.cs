using System.Diagnostics;
using System.Globalization;
using Glance.Benchmarks.Harness;

namespace Glance.Tests.Cluster;

/// <summary>
/// Viewer context traffic from wrk (installed by scripts/setup) against one Glance process: random positions over the
/// recorded part of the given events, one viewer token. wrk is killed with its tree if it overruns its bound.
/// </summary>
internal static class WrkLoad
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
            var summary = WrkSummary.Parse(text);
            if (process.ExitCode != 0 || summary is null)
            {
                throw new InvalidOperationException($"wrk against {target.Name} exited {process.ExitCode}: {text}{await process.StandardError.ReadToEndAsync(cancellationToken)}");
            }

            return new Result(target.Name, summary.RequestsPerSecond, summary.P99Milliseconds, summary.NonSuccessResponses);
        }
        finally
        {
            File.Delete(script);
        }
    }
}
