using System.Globalization;
using System.Text;

namespace Glance.Tests.Cluster;

/// <summary>What a cluster run measured, and its Markdown rendering for docs/benchmarks.md.</summary>
internal sealed class ClusterRunReport(ClusterRunSize size)
{
    public ClusterRunSize Size { get; } = size;

    /// <summary>Per silo before the kill: events whose stream it ran, and how many segments each was behind the playlist.</summary>
    public List<(string Silo, int Events, long MaxSegmentsBehind)> Placement { get; } = [];

    public List<WrkLoad.Result> Context { get; } = [];

    public string Killed { get; set; } = string.Empty;

    public int KilledEvents { get; set; }

    /// <summary>From SIGKILL to the first segment recorded after it, for the slowest of the killed silo's events.</summary>
    public double FailoverSeconds { get; set; }

    public List<(string Silo, int ExitCode, double Seconds)> RollingRestart { get; } = [];

    public long SegmentsRecorded { get; set; }

    public long SegmentsLost { get; set; }

    public long SegmentsRecordedTwice { get; set; }

    /// <summary>Each run of missing sequences, with the analysis times of its neighbours (to place it against the run's steps).</summary>
    public List<string> Gaps { get; } = [];

    /// <summary>Result publishes tried again while a results-stream queue was unreachable (logged by the silos).</summary>
    public int PublishRetries { get; set; }

    /// <summary>Results whose publish was given up after Pipeline:PublishTimeout (their segments were left in flight).</summary>
    public int ResultsGivenUp { get; set; }

    /// <summary>Silo processes' CPU seconds per recorded segment: the analysis cost a channel brings (ingest + ffmpeg + detectors).</summary>
    public double? CpuSecondsPerSegment { get; set; }

    public string Markdown()
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.Append(c, $"Cluster run: {Size.Silos} silo(s), {Size.Events} event(s), detectors [{string.Join(',', Size.Detectors)}], wrk {Size.WrkSeconds} s x {Size.WrkConnections} connections per silo, {Environment.ProcessorCount} cores, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC\n\n");
        text.Append("| silo | events | max segments behind | context req/s | context p99 ms | non-2xx |\n|---|---|---|---|---|---|\n");
        foreach (var (silo, events, behind) in Placement)
        {
            var load = Context.FirstOrDefault(r => r.Process == silo);
            text.Append(c, $"| {silo} | {events} | {behind} | {load?.RequestsPerSecond:0} | {load?.P99Milliseconds:0.0} | {load?.NonSuccess} |\n");
        }

        text.Append(c, $"\ncontext total: {Context.Sum(r => r.RequestsPerSecond):0} req/s\n");
        text.Append(c, $"SIGKILL {Killed} ({KilledEvents} event(s)): {FailoverSeconds:0.0} s until its events recorded segments again\n");
        if (RollingRestart.Count > 0)
        {
            text.Append(c, $"rolling restart (SIGTERM, replacement first): {string.Join(", ", RollingRestart.Select(r => $"{r.Silo} exit {r.ExitCode} in {r.Seconds:0.0} s"))}\n");
        }

        if (CpuSecondsPerSegment is { } cpu)
        {
            text.Append(c, $"silo CPU per recorded segment: {cpu:0.000} s\n");
        }

        text.Append(c, $"result publishes retried {PublishRetries}, given up {ResultsGivenUp}\n");
        text.Append(c, $"segments recorded {SegmentsRecorded}, lost {SegmentsLost}, recorded twice {SegmentsRecordedTwice}\n");
        foreach (var gap in Gaps)
        {
            text.Append(c, $"- {gap}\n");
        }

        return text.ToString();
    }
}
