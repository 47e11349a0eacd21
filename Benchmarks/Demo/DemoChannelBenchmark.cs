using Glance.Demo.Channel;
using Microsoft.Extensions.Logging.Abstractions;
namespace Glance.Benchmarks.Demo;

/// <summary>
/// What the demo channel costs the machine it shares with the service: ffmpeg's CPU (user + system) as a share of one
/// core while it encodes in real time, and the stream's bitrate, at the default 640x360 and at 1280x720.
/// </summary>
public sealed class DemoChannelBenchmark : IBenchmark
{
    public string Name => "demo-channel";

    public string Description => "synthetic channel encoder: CPU share of one core and bitrate, 360p vs 720p";

    public async Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken)
    {
        var segments = report.Quick ? 4 : 12;
        foreach (var (width, height) in new[] { (640, 360), (1280, 720) })
        {
            var folder = Path.Combine(Path.GetTempPath(), $"glance-demo-bench-{Guid.NewGuid():N}");
            var options = new SyntheticChannelOptions { OutputFolder = folder, Width = width, Height = height, SegmentSeconds = 2, ListSize = 100 };
            var channel = new SyntheticChannel(Options.Create(options), NullLogger<SyntheticChannel>.Instance);
            try
            {
                await channel.StartAsync(cancellationToken);
                var started = Stopwatch.StartNew();
                await channel.WaitForSegmentsAsync(1, TimeSpan.FromSeconds(60), cancellationToken);
                var firstSegment = started.Elapsed.TotalSeconds;
                using var ffmpeg = Process.GetProcessById(channel.ProcessId!.Value);
                var cpuBefore = ffmpeg.TotalProcessorTime;
                var wallBefore = started.Elapsed;
                var playlist = await channel.WaitForSegmentsAsync(segments + 1, TimeSpan.FromSeconds(10 + (segments * 4)), cancellationToken);
                ffmpeg.Refresh();
                var cpu = (ffmpeg.TotalProcessorTime - cpuBefore) / (started.Elapsed - wallBefore);
                var bytes = playlist.Segments.Skip(1).Sum(s => new FileInfo(s.Uri.LocalPath).Length);
                var seconds = playlist.Segments.Skip(1).Sum(s => s.Duration);

                var label = $"{width}x{height}";
                report.Add($"{label} ffmpeg CPU", cpu * 100, "% of one core");
                report.Add($"{label} bitrate", bytes * 8 / seconds / 1000, "kbit/s");
                report.Add($"{label} first 2 s segment after start", firstSegment, "s");
            }
            finally
            {
                await channel.DisposeAsync();
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        }
    }
}
