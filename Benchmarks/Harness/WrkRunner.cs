namespace Glance.Benchmarks.Harness;

/// <summary>Runs wrk (Debian package) with a Lua request script against a loopback server.</summary>
internal static class WrkRunner
{
    public static bool Installed => File.Exists("/usr/bin/wrk");

    /// <summary>One listener for the process: the runtime's event source takes each listener once.</summary>
    private static readonly Lazy<AllocationSampler> Sampler = new(() => new AllocationSampler());

    /// <summary>
    /// One wrk run against a server in this process, with the server's own CPU time per request: wrk shares the same
    /// cores, and the process's CPU time says what the server needs whatever the load generator takes.
    /// </summary>
    public static async Task<ServerLoad> MeasureAsync(Uri baseUri, string script, int seconds, CancellationToken cancellationToken, string? connections = null)
    {
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var pausedBefore = GC.GetTotalPauseDuration();
        int[] collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        var sampler = AllocationSampler.Enabled ? Sampler.Value : null;
        sampler?.Start();
        var output = await RunAsync(baseUri, script, seconds, cancellationToken, connections);
        foreach (var (type, share) in sampler?.Stop(top: 30) ?? [])
        {
            Console.WriteLine($"    allocated {share,6:P1}  {type}");
        }

        var serverCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var summary = WrkSummary.Parse(output) ?? throw new InvalidOperationException($"wrk printed no summary: {output}");
        var requests = Math.Max(1, summary.RequestsPerSecond * seconds);
        if (sampler is not null)
        {
            var (fromGen0, fromGen1) = sampler.Promoted;
            Console.WriteLine($"    promoted per request: {fromGen0 / requests:N0} bytes out of gen 0, {fromGen1 / requests:N0} out of gen 1");
            foreach (var group in sampler.Pauses().GroupBy(p => p.Generation).OrderBy(g => g.Key))
            {
                var sorted = group.Select(p => p.PauseMs).Order().ToArray();
                Console.WriteLine(
                    $"    pauses of gen {group.Key}: {sorted.Length}, mean {sorted.Average():F2} ms, p50 {sorted[sorted.Length / 2]:F2}, max {sorted[^1]:F2}, " +
                    $"of which stopping threads mean {group.Average(p => p.SuspendMs):F2} ms, max {group.Max(p => p.SuspendMs):F2}");
            }

            foreach (var (generation, phase, meanMs) in sampler.Phases())
            {
                Console.WriteLine($"      gen {generation} {phase}: {meanMs:F2} ms per collection");
            }
        }

        return new ServerLoad(
            summary,
            serverCpu.TotalMicroseconds / requests,
            100 * serverCpu.TotalSeconds / (seconds * Environment.ProcessorCount),
            (GC.GetTotalAllocatedBytes() - allocatedBefore) / requests,
            [GC.CollectionCount(0) - collectionsBefore[0], GC.CollectionCount(1) - collectionsBefore[1], GC.CollectionCount(2) - collectionsBefore[2]],
            (GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds / seconds,
            GC.GetGCMemoryInfo().HeapSizeBytes,
            Process.GetCurrentProcess().WorkingSet64);
    }

    /// <summary>
    /// Runs <paramref name="script"/> in rounds of a few seconds until a round leaves the JIT nearly idle (fewer than
    /// <paramref name="settledMethods"/> methods compiled), at most <paramref name="maxRounds"/>. A server answers for
    /// hours at its tier-1 code; measured while the tiered compiler still rewrites the request path, a 2-core machine
    /// gives it a fifth of its CPU (seen with perf) and the figures say more about the warm-up than the server.
    /// </summary>
    /// <returns>Seconds warmed up, and methods compiled during the last round.</returns>
    public static async Task<(int Seconds, long LastRoundMethods)> WarmUpAsync(
        Uri baseUri, string script, CancellationToken cancellationToken, string? connections = null, int roundSeconds = 3, int maxRounds = 12, long settledMethods = 20)
    {
        var seconds = 0;
        long compiled = 0;
        for (var round = 0; round < maxRounds; round++)
        {
            var before = System.Runtime.JitInfo.GetCompiledMethodCount();
            await RunAsync(baseUri, script, roundSeconds, cancellationToken, connections);
            seconds += roundSeconds;
            compiled = System.Runtime.JitInfo.GetCompiledMethodCount() - before;
            if (compiled < settledMethods)
            {
                break;
            }
        }

        return (seconds, compiled);
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
/// <param name="BytesAllocatedPerRequest">Managed allocations in this process per request (the benchmark's own included, which are few during wrk).</param>
/// <param name="Collections">Garbage collections during the run by generation (0, 1, 2); a collection of a generation counts in the younger ones' too.</param>
/// <param name="PausedMillisecondsPerSecond">Time the garbage collector held the process's threads, per second of the run.</param>
/// <param name="HeapBytes">The managed heap after the run's last collection: what the collector's settings cost in memory.</param>
/// <param name="WorkingSetBytes">The process's resident memory at the end of the run.</param>
internal sealed record ServerLoad(
    WrkSummary Wrk,
    double CpuMicrosecondsPerRequest,
    double ServerSharePercent,
    double BytesAllocatedPerRequest,
    IReadOnlyList<int> Collections,
    double PausedMillisecondsPerSecond,
    long HeapBytes,
    long WorkingSetBytes)
{
    /// <summary>The allocation and collection figures, which say how much of a latency tail the garbage collector may be.</summary>
    public void ReportMemory(BenchmarkReport report, string label, string unit)
    {
        report.Add($"{label}: managed allocations per {unit}", BytesAllocatedPerRequest, "bytes");
        report.Add($"{label}: garbage collections during the run", Collections[0], "collections");
        report.Add($"{label}: garbage collections of gen 1 (gen 2 included)", Collections[1], "collections");
        report.Add($"{label}: garbage collections of gen 2", Collections[2], "collections");
        report.Add($"{label}: garbage collector pauses", PausedMillisecondsPerSecond, "ms per s");
        report.Add($"{label}: managed heap at the end of the run", HeapBytes / 1048576.0, "MiB");
        report.Add($"{label}: process working set at the end of the run", WorkingSetBytes / 1048576.0, "MiB");
    }
}
