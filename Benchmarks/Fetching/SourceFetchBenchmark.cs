using System.Net;
using Glance.Media.Fetching;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
namespace Glance.Benchmarks.Fetching;

/// <summary>
/// What the guarded fetch path costs on top of the wire: playlist and 6 MB segment fetches from a loopback Kestrel
/// (latency p50/p99, segment throughput), and address classification per second.
/// </summary>
public sealed class SourceFetchBenchmark : IBenchmark
{
    private const int SegmentBytes = 6 * 1024 * 1024;

    public string Name => "source-fetch";

    public string Description => "Guarded HTTP fetch from loopback: playlist and 6 MB segment latency, segment MB/s; IP classification rate";

    public async Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken)
    {
        ClassificationRate(report);

        var segment = new byte[SegmentBytes];
        new Random(1).NextBytes(segment);
        var playlist = string.Concat(Enumerable.Range(0, 200).Select(i => $"#EXTINF:6.000,\nsegment{i}.ts\n"));
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        await using var app = builder.Build();
        app.Run(context => context.Request.Path.Value!.StartsWith("/seg", StringComparison.Ordinal)
            ? context.Response.Body.WriteAsync(segment, context.RequestAborted).AsTask()
            : context.Response.WriteAsync(playlist, context.RequestAborted));
        await app.StartAsync(cancellationToken);
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;

        var options = Options.Create(new SourceAccessOptions { AllowedNetworks = ["127.0.0.1/32"] });
        using var fetcher = new SourceFetcher(new SsrfGuard(options, new DnsHostResolver(options)), new FetchMetrics(BenchmarkMeters.Factory));
        var playlistUrl = new Uri($"http://127.0.0.1:{port}/live.m3u8");
        var segmentUrl = new Uri($"http://127.0.0.1:{port}/seg0.ts");

        var playlistRuns = report.Quick ? 200 : 2000;
        var playlistLatencies = await MeasureAsync(playlistRuns, () => fetcher.FetchPlaylistAsync(playlistUrl, cancellationToken), cancellationToken);
        report.Add("playlist fetch p50 (10 KB, loopback)", Percentiles.Of(playlistLatencies, 50), "ms");
        report.Add("playlist fetch p99", Percentiles.Of(playlistLatencies, 99), "ms");

        var segmentRuns = report.Quick ? 20 : 200;
        var segmentLatencies = await MeasureAsync(segmentRuns, () => fetcher.FetchSegmentAsync(segmentUrl, null, cancellationToken), cancellationToken);
        report.Add("segment fetch p50 (6 MB, loopback)", Percentiles.Of(segmentLatencies, 50), "ms");
        report.Add("segment fetch p99", Percentiles.Of(segmentLatencies, 99), "ms");
        report.Add("segment throughput at p50", SegmentBytes / 1024.0 / 1024 / (Percentiles.Of(segmentLatencies, 50) / 1000), "MB/s");

        await app.StopAsync(cancellationToken);
    }

    private static async Task<double[]> MeasureAsync<T>(int runs, Func<Task<T>> fetch, CancellationToken cancellationToken)
    {
        for (var i = 0; i < Math.Max(5, runs / 10); i++)
        {
            await fetch();
        }

        var latencies = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = Stopwatch.GetTimestamp();
            await fetch();
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        return latencies;
    }

    private static void ClassificationRate(BenchmarkReport report)
    {
        IPAddress[] addresses =
        [
            IPAddress.Parse("93.184.216.34"), IPAddress.Parse("10.1.2.3"), IPAddress.Parse("169.254.169.254"),
            IPAddress.Parse("2606:4700:4700::1111"), IPAddress.Parse("::ffff:192.168.1.1"), IPAddress.Parse("2002:a00:1::1"),
            IPAddress.Parse("fd00:ec2::254"), IPAddress.Parse("64:ff9b::8.8.8.8"),
        ];
        var count = 0L;
        var publicCount = 0L;
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.ElapsedMilliseconds < 1000)
        {
            foreach (var address in addresses)
            {
                publicCount += IpAddressClassifier.Classify(address) == AddressCategory.Public ? 1 : 0;
            }

            count += addresses.Length;
        }

        report.Add("address classifications", count / stopwatch.Elapsed.TotalSeconds, "per s (1 core)");
        GC.KeepAlive(publicCount);
    }
}
