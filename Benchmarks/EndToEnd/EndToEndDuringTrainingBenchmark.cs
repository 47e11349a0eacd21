using System.Net.Http.Json;
using Glance.Grains.Gallery;
using Glance.Grains.Interfaces.Gallery;
using Glance.Media.Processes;
namespace Glance.Benchmarks.EndToEnd;

/// <summary>
/// The end-to-end benchmark while classifier training runs back to back: three uploads at a time (one trains, the
/// others wait for the silo's gallery slot, Gallery:MaxConcurrentJobsPerSilo = 1 by default), so the figure shows
/// what bounded gallery work leaves segment analysis.
/// </summary>
public sealed class EndToEndDuringTrainingBenchmark : EndToEndBenchmark
{
    private const int ExamplesPerClass = 12;
    private const int UploadsAtOnce = 3;

    private int succeeded;
    private int failed;
    private double trainingSeconds;

    public override string Name => "end-to-end-training";

    public override string Description => "As end-to-end, while classifier training jobs (24 examples each, three uploads at a time) run back to back";

    protected override async Task LoadAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var examples = new List<object>();
        for (var i = 0; i < ExamplesPerClass; i++)
        {
            examples.Add(new { label = "flat", image = await PngAsync($"color=c=0x{(i * 20) + 10:X2}30{255 - (i * 20):X2}:s=320x180", cancellationToken) });
            examples.Add(new { label = "pattern", image = await PngAsync($"testsrc2=s=320x180:d=1,hue=h={i * 30}", cancellationToken) });
        }

        var round = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var started = DateTimeOffset.UtcNow;
                // A new name each round: a new upload, so a new job (the same one would be answered, not run again).
                var accepted = await Task.WhenAll(Enumerable.Range(0, UploadsAtOnce).Select(i =>
                    client.PutAsJsonAsync($"/v1/classifiers/load-{i}", new { name = $"Load {round}-{i}", examples }, cancellationToken)));
                foreach (var response in accepted)
                {
                    var job = await FinishedAsync(client, response, cancellationToken);
                    _ = job.Status == GalleryJobStatus.Succeeded ? Interlocked.Increment(ref succeeded) : Interlocked.Increment(ref failed);
                }

                trainingSeconds += (DateTimeOffset.UtcNow - started).TotalSeconds;
                round++;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The measurement is over; a job still running is left to the host's shutdown.
        }
    }

    protected override void ReportLoad(BenchmarkReport report, IServiceProvider services)
    {
        report.Add("training jobs succeeded during the run (24 examples each)", succeeded, "jobs");
        report.Add("training jobs failed", failed, "jobs");
        report.Add("training time per job (three queued at a time)", succeeded == 0 ? 0 : trainingSeconds / succeeded, "s");
        report.Add("most gallery jobs working at once on the silo", services.GetRequiredService<GalleryJobGate>().Peak, "jobs");
    }

    private static async Task<GalleryJobView> FinishedAsync(HttpClient client, HttpResponseMessage accepted, CancellationToken cancellationToken)
    {
        accepted.EnsureSuccessStatusCode();
        var location = accepted.Headers.Location ?? throw new InvalidOperationException("A classifier upload was not answered with a job location.");
        for (var poll = 0; poll < 2400; poll++)
        {
            var job = await client.GetFromJsonAsync<GalleryJobView>(location, Json, cancellationToken);
            if (job is { Status: GalleryJobStatus.Succeeded or GalleryJobStatus.Failed })
            {
                return job;
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException($"The job at {location} did not finish in 10 minutes.");
    }

    private static async Task<byte[]> PngAsync(string lavfiGraph, CancellationToken cancellationToken)
    {
        string[] arguments = ["-hide_banner", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", lavfiGraph, "-frames:v", "1", "-c:v", "png", "-f", "image2pipe", "pipe:1"];
        var result = await ChildProcess.RunCheckedAsync(new ChildProcessRequest("ffmpeg", arguments) { Timeout = TimeSpan.FromSeconds(30) }, cancellationToken);
        return result.StandardOutput;
    }
}
