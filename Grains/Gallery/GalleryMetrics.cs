using System.Diagnostics.Metrics;

namespace Glance.Grains.Gallery;

/// <summary>
/// Gallery job instruments on the "Glance.Gallery" meter, created through the host's <see cref="IMeterFactory"/>: one
/// singleton per host, registered beside the silo's <see cref="GalleryJobGate"/>, which they read at scrape time.
/// </summary>
public sealed class GalleryMetrics
{
    public const string MeterName = "Glance.Gallery";

    private Func<long>? running;
    private Func<long>? waiting;

    public GalleryMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName, "1.0");
        meter.CreateObservableUpDownCounter("glance.gallery.jobs.running", () => running?.Invoke() ?? 0, unit: "{job}", description: "Gallery jobs doing their work on this silo now.");
        meter.CreateObservableUpDownCounter("glance.gallery.jobs.waiting", () => waiting?.Invoke() ?? 0, unit: "{job}", description: "Gallery jobs waiting for a slot on this silo.");
    }

    public void ObserveJobs(Func<long> runningJobs, Func<long> waitingJobs)
    {
        running = runningJobs;
        waiting = waitingJobs;
    }
}
