using Glance.Grains.Interfaces.Monitoring;
using Glance.Grains.Interfaces.Timeline;
using Glance.Grains.Monitoring;
using Glance.Grains.Monitoring.Checks;

namespace Glance.Tests.Monitoring;

/// <summary>Analysed segments and programs as the monitoring tests need them.</summary>
internal static class Segments
{
    public static readonly DateTimeOffset EventStart = new(2026, 12, 6, 20, 0, 0, TimeSpan.Zero);

    public static readonly EffectiveThresholds Defaults = new MonitoringOptions().Defaults();

    public static SegmentSignals QuietSignals(params TimeRange[] silence) =>
        new(true, true, false, silence, [], [], -23, -20, -3, true);

    /// <summary>A segment of <paramref name="frames"/> frames starting at <paramref name="start"/> s, each frame showing what <paramref name="seen"/> returns for its index.</summary>
    public static SegmentAnalysisResult Segment(double start, int frames, Func<int, IEnumerable<(string Kind, string? Id, string Name)>>? seen = null, SegmentSignals? signals = null, long sequence = 1) =>
        new(
            "acme", "e", 0, sequence, SegmentOutcome.Analysed, null, start, start + frames, EventStart.AddSeconds(start),
            [.. Enumerable.Range(0, frames).Select(i => new AnalysedFrame(
                i, (long)((start + i) * 90000), start + i, EventStart.AddSeconds(start + i),
                [.. (seen?.Invoke(i) ?? []).Select(s => new Sighting(s.Kind, s.Id, s.Name, 0.9, null, "test"))]))],
            signals ?? QuietSignals(), null, [], 0, [], new SegmentTimings(1, 1, 1, 3), "{}", EventStart, EventStart);

    public static ScheduledProgram Match(double from = 0, double to = 3600) => new(
        "Porto v Santos", EventStart.AddSeconds(from), EventStart.AddSeconds(to), "match", "sport", "GTV Sports", "soccer", ["Porto", "Santos"]);

    public static ScheduledProgram News(double from = 0, double to = 3600) => new(
        "Evening news", EventStart.AddSeconds(from), EventStart.AddSeconds(to), "news", "news", "GTV News", "soccer", ["Porto"]);

    public static SegmentCheckContext Context(SegmentAnalysisResult segment, ScheduledProgram? program, EffectiveThresholds? thresholds = null) =>
        new(segment, program, segment.ProgramDateTime, thresholds ?? Defaults);
}
