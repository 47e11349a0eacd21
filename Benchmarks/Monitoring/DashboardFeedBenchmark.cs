using System.Net.Http.Json;
using Glance.Grains.Interfaces.Common;
using Glance.Grains.Interfaces.Monitoring;
using Microsoft.Playwright;

namespace Glance.Benchmarks.Monitoring;

/// <summary>
/// The dashboard holding 50 events that each get a checked segment every 6 s, in one browser (issue 15 item 6): the
/// server's CPU and the rate of segment updates the page receives. Fifty live channels are far beyond two cores (the
/// bar is 8), so the segments are synthetic: each goes through its event's monitor grain (checks evaluated, recorded
/// in SQLite, published on the tenant's live stream) exactly as an analysed segment does, and everything from there to
/// the browser is the product's path. The page runs in Debian's chromium, driven by Playwright.
/// </summary>
public sealed class DashboardFeedBenchmark : IBenchmark
{
    private const int Events = 50;
    private static readonly TimeSpan SegmentInterval = TimeSpan.FromSeconds(6);

    public string Name => "dashboard";

    public string Description => "The dashboard with 50 events updating every 6 s in one chromium: server CPU and the page's received update rate";

    public async Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken)
    {
        if (!DebianChromium.Installed)
        {
            Console.WriteLine($"  skipped: {DebianChromium.ExecutablePath} is not installed (scripts/setup installs chromium)");
            return;
        }

        var window = report.Quick ? TimeSpan.FromSeconds(24) : TimeSpan.FromSeconds(60);
        using var folder = new TempFolder();
        await using var api = new BenchmarkApi(new() { ["Storage:Provider"] = "Sqlite", ["Storage:Sqlite:Path"] = Path.Combine(folder.Path, "bench.db") });
        var baseUri = api.Start();
        using var broadcaster = await BenchmarkApi.RegisterBenchEventAsync(baseUri, cancellationToken);
        var key = broadcaster.DefaultRequestHeaders.Authorization!.Parameter!;
        var grains = api.Services.GetRequiredService<Orleans.IGrainFactory>();
        var ids = Enumerable.Range(1, Events).Select(i => $"channel-{i:00}").ToList();
        var monitors = new List<IEventMonitorGrain>();
        foreach (var id in ids)
        {
            var start = DateTimeOffset.UtcNow.AddDays(1);
            (await broadcaster.PutAsJsonAsync($"/v1/events/{id}", new { name = $"Channel {id[^2..]}", startsAt = start, endsAt = start.AddHours(3), source = "http://127.0.0.1:9/live.m3u8" }, cancellationToken)).EnsureSuccessStatusCode();
            monitors.Add(grains.GetGrain<IEventMonitorGrain>(ResourceId.Scoped("bench", id)));
        }

        await using var chromium = await DebianChromium.LaunchAsync();
        var page = await chromium.PageAsync();
        await page.GotoAsync(baseUri.ToString());
        await page.FillAsync("#key", key);
        await page.ClickAsync("#sign-in-form button[type=submit]");
        await page.Locator("#connection[data-state='live']").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        var cards = await page.Locator("li.card").CountAsync();
        if (cards != Events + 1)
        {
            throw new InvalidOperationException($"The grid shows {cards} events; the 50 channels and the harness's own event were expected.");
        }

        // Every 6 s each event gets one segment, spread evenly over the interval as independent channels would be.
        using var feeding = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var published = 0;
        var feeder = Task.Run(
            async () =>
            {
                using var tick = new PeriodicTimer(SegmentInterval / Events);
                for (var n = 0; await tick.WaitForNextTickAsync(feeding.Token); n++)
                {
                    var segment = MonitoringChecksBenchmark.Segment(n / Events) with { EventId = ids[n % Events] };
                    await monitors[n % Events].ApplyAsync(segment, feeding.Token);
                    Interlocked.Increment(ref published);
                }
            },
            feeding.Token);

        await Task.Delay(SegmentInterval * 2, cancellationToken); // every card has had updates; the page is warm
        var server = Process.GetCurrentProcess();
        var cpuBefore = server.TotalProcessorTime;
        var browserBefore = BrowserCpuSeconds(chromium.Profile);
        var received = await ReceivedAsync(page);
        var publishedBefore = Volatile.Read(ref published);
        var started = Stopwatch.GetTimestamp();
        await Task.Delay(window, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        server.Refresh();
        var cpu = server.TotalProcessorTime - cpuBefore;
        var browserCpu = BrowserCpuSeconds(chromium.Profile) - browserBefore;
        var receivedAfter = await ReceivedAsync(page);
        var publishedAfter = Volatile.Read(ref published);
        await feeding.CancelAsync();
        try
        {
            await feeder;
        }
        catch (OperationCanceledException)
        {
        }

        // The same host with the page open and nothing published (Orleans' timers, the feed's heartbeats), measured
        // after the load rather than before it, where start-up's tail (JIT, first activations) would count.
        await Task.Delay(SegmentInterval, cancellationToken);
        var idle = window / 2;
        server.Refresh();
        var idleBefore = server.TotalProcessorTime;
        await Task.Delay(idle, cancellationToken);
        server.Refresh();
        var idleCores = (server.TotalProcessorTime - idleBefore).TotalSeconds / idle.TotalSeconds;

        var rate = (receivedAfter.Segments - received.Segments) / elapsed.TotalSeconds;
        var offered = (publishedAfter - publishedBefore) / elapsed.TotalSeconds;
        var cores = cpu.TotalSeconds / elapsed.TotalSeconds;
        report.Add("segments checked and published", offered, "per s", $"{Events / SegmentInterval.TotalSeconds:0.##}/s (50 events every 6 s)");
        report.Add("segment updates the page received", rate, "per s", $">= {0.99 * offered:0.##}/s (all published)", rate >= 0.99 * offered);
        report.Add("updates dropped for the page (dropped frames)", receivedAfter.Dropped - received.Dropped, "frames");
        report.Add("server CPU (silo, Api and the synthetic feeder, one process)", cores * 100, "% of one core");
        report.Add("server CPU with the page open and nothing published", idleCores * 100, "% of one core");
        report.Add("server CPU per segment above that (checked, recorded, published, relayed)", (cores - idleCores) * 1000 / Math.Max(offered, 0.001), "ms");
        report.Add("server CPU per checked and relayed segment", cpu.TotalMilliseconds / Math.Max(1, publishedAfter - publishedBefore), "ms");
        report.Add("browser CPU (every chromium process of the page's profile)", browserCpu / elapsed.TotalSeconds * 100, "% of one core");
        report.Add("measured window", elapsed.TotalSeconds, "s");
    }

    /// <summary>User and system CPU of the processes started with this profile (the browser and its renderers), from /proc.</summary>
    private static double BrowserCpuSeconds(string profile)
    {
        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                continue;
            }

            try
            {
                if (!File.ReadAllText(Path.Combine(directory, "cmdline")).Contains(profile, StringComparison.Ordinal))
                {
                    continue;
                }

                // After "pid (name) ": state is field 0, utime field 11 and stime field 12, in clock ticks.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while it was read.
            }
        }

        return ticks / 100.0; // USER_HZ on Linux
    }

    private static async Task<(long Segments, long Dropped)> ReceivedAsync(IPage page)
    {
        var stats = await page.EvaluateAsync<Dictionary<string, double>>("() => ({ segments: globalThis.glanceFeedStats.segments, dropped: globalThis.glanceFeedStats.dropped })");
        return ((long)stats["segments"], (long)stats["dropped"]);
    }
}
