using Glance.Media.Signals;
using Glance.Media.Timing;
using Glance.Media.Transport;

namespace Glance.Grains.Analysis;

/// <summary>From the media library's results to the timeline's contract (which does not depend on the media library).</summary>
internal static class ResultMapping
{
    public static SegmentSignals Signals(SignalReport report) => new(
        report.AudioPresent,
        report.VideoPresent,
        report.Captions,
        report.Silence.Select(Range).ToList(),
        report.Black.Select(Range).ToList(),
        report.Freeze.Select(Range).ToList(),
        report.Loudness?.Integrated,
        report.Loudness?.ShortTermMax,
        report.Loudness?.TruePeak,
        report.Loudness?.Passed);

    public static SegmentTransport? Transport(TransportSegmentReport? report)
    {
        if (report is null)
        {
            return null;
        }

        var errors = Enum.GetValues<TransportCheck>()
            .Select(check => (Name: TransportReportJson.JsonName(check), report.Errors[check].Count))
            .Where(e => e.Count > 0)
            .ToDictionary(e => e.Name, e => (long)e.Count);
        return new SegmentTransport(report.Packets, errors, report.CarriesPsi);
    }

    public static IReadOnlyList<SegmentCue> Cues(TransportSegmentReport? report, SegmentTimeline timeline) =>
        report?.Cues.Select(c => new SegmentCue(
            c.Section?.CommandName ?? "invalid",
            c.EffectivePts is { } pts ? Math.Round(timeline.ToStreamSeconds(pts), 3) : null,
            c.Error)).ToList() ?? [];

    private static TimeRange Range(SignalInterval interval) => new(Math.Round(interval.Start, 3), Math.Round(interval.End, 3));
}
