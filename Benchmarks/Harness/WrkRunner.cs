using System.Diagnostics;

namespace Glance.Benchmarks.Harness;

/// <summary>Runs wrk (Debian package) with a Lua request script against a loopback server.</summary>
internal static class WrkRunner
{
    public static bool Installed => File.Exists("/usr/bin/wrk");

    /// <summary>
    /// One wrk run against a server in this process, with the server's own CPU time per request: wrk shares the same
    /// cores, and the process's CPU time says what the server needs whatever the load generator takes.
    /// </summary>
    public static async Task<ServerLoad> MeasureAsync(Uri baseUri, string script, int seconds, CancellationToken cancellationToken, string? connections = null)
    {
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var output = await RunAsync(baseUri, script, seconds, cancellationToken, connections);
        var serverCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var summary = WrkSummary.Parse(output) ?? throw new InvalidOperationException($"wrk printed no summary: {output}");
        return new ServerLoad(
            summary,
            serverCpu.TotalMicroseconds / Math.Max(1, summary.RequestsPerSecond * seconds),
            100 * serverCpu.TotalSeconds / (seconds * Environment.ProcessorCount));
    }

    /// <returns>What wrk printed (parse it with <see cref="WrkSummary.Parse"/>).</returns>
    public static async Task<string> RunAsync(Uri baseUri, string script, int seconds, CancellationToken cancellationToken, string? connections = null)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        var threads = Environment.GetEnvironmentVariable("GLANCE_WRK_THREADS") ?? "2";
        connections ??= Environment.GetEnvironmentVariable("GLANCE_WRK_CONNECTIONS") ?? "64";
        foreach (var argument in new[] { "-t", threads, "-c", connections, "-d", $"{seconds}s", "--latency", "-s", script, baseUri.ToString().TrimEnd('/') })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(seconds + 60), cancellationToken);
        return output;
    }
}

/// <param name="CpuMicrosecondsPerRequest">The server process's CPU time per request, the load generator excluded.</param>
/// <param name="ServerSharePercent">The server's share of all the machine's cores during the run.</param>
internal sealed record ServerLoad(WrkSummary Wrk, double CpuMicrosecondsPerRequest, double ServerSharePercent);
