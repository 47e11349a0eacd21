using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Glance.Benchmarks.Grains;

public interface IPingGrain : IGrainWithStringKey
{
    Task PingAsync();
}

public sealed class PingGrain : Grain, IPingGrain
{
    public Task PingAsync() => Task.CompletedTask;
}

/// <summary>
/// Orleans grain calls as the co-hosted API makes them (through the silo's own grain factory, from outside any grain):
/// throughput and latency of an empty method with 10,000 active grains, and memory per idle activation.
/// Targets (foundation issue): >= 500,000 calls/s on 2 cores, p99 &lt; 1 ms, &lt;= 2 KB per idle activation.
/// </summary>
public sealed class GrainCallBenchmark : IBenchmark
{
    private const int Grains = 10_000;

    public string Name => "grain-calls";

    public string Description => "Empty Orleans grain calls: throughput, latency (p50/p99) with 10,000 active grains; memory per idle activation";

    public async Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo.UseLocalhostClustering(FreeTcpPort(), 0));
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        var factory = host.Services.GetRequiredService<IGrainFactory>();

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var grains = new IPingGrain[Grains];
        for (var i = 0; i < Grains; i++)
        {
            grains[i] = factory.GetGrain<IPingGrain>("g" + i);
            await grains[i].PingAsync();
        }

        await Task.Delay(200, cancellationToken);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var perActivation = (after - before) / (double)Grains;
        report.Add("memory per idle activation (incl. reference and directory entry)", perActivation, "bytes", "<= 2,048", perActivation <= 2048);

        var duration = TimeSpan.FromSeconds(report.Quick ? 2 : 10);
        var callers = Environment.ProcessorCount * 64;
        var latencies = new double[callers][];
        var counts = new long[callers];
        await RunCallersAsync(grains, TimeSpan.FromSeconds(report.Quick ? 0.5 : 2), callers, new double[callers][], new long[callers], cancellationToken); // warm-up
        var stopwatch = Stopwatch.StartNew();
        await RunCallersAsync(grains, duration, callers, latencies, counts, cancellationToken);
        stopwatch.Stop();

        var throughput = counts.Sum() / stopwatch.Elapsed.TotalSeconds;
        var all = latencies.SelectMany((l, i) => l.Take((int)Math.Min(counts[i], l.Length))).ToArray();
        var p99 = Percentiles.Of(all, 99);
        report.Add($"throughput ({callers} concurrent callers, {Environment.ProcessorCount} cores)", throughput, "calls/s", ">= 500,000 on 2 cores", throughput >= 500_000);
        report.Add("latency p50", Percentiles.Of(all, 50) * 1000, "ms");
        report.Add("latency p99", p99 * 1000, "ms", "< 1 ms", p99 < 0.001);
        report.Add("active grains", await factory.GetGrain<IManagementGrain>(0).GetTotalActivationCount(), "activations");
        await host.StopAsync(cancellationToken);
    }

    private static async Task RunCallersAsync(IPingGrain[] grains, TimeSpan duration, int callers, double[][] latencies, long[] counts, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var tasks = new Task[callers];
        for (var c = 0; c < callers; c++)
        {
            var caller = c;
            latencies[caller] = new double[1 << 16];
            tasks[caller] = Task.Run(
                async () =>
                {
                    var random = new Random(caller);
                    var samples = latencies[caller];
                    long n = 0;
                    while (Stopwatch.GetTimestamp() < deadline && !cancellationToken.IsCancellationRequested)
                    {
                        var start = Stopwatch.GetTimestamp();
                        await grains[random.Next(grains.Length)].PingAsync();
                        samples[n & (samples.Length - 1)] = Stopwatch.GetElapsedTime(start).TotalSeconds;
                        n++;
                    }

                    counts[caller] = n;
                },
                cancellationToken);
        }

        await Task.WhenAll(tasks);
    }

    private static int FreeTcpPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
