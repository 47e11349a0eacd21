namespace Glance.Grains.Monitoring.Checks;

/// <summary>What a check judges a segment by.</summary>
/// <param name="Program">The program on air, null when the schedule has none at <paramref name="At"/>.</param>
/// <param name="At">The segment's start in absolute time, when known.</param>
public sealed record SegmentCheckContext(SegmentAnalysisResult Segment, ScheduledProgram? Program, DateTimeOffset? At, EffectiveThresholds Thresholds)
{
    /// <summary>The segment's end in absolute time, when known.</summary>
    public DateTimeOffset? End => At is { } at && Segment.StreamStart is { } start && Segment.StreamEnd is { } end ? at.AddSeconds(Math.Max(0, end - start)) : null;

    /// <summary>Why sport and team checks do not apply here (nothing scheduled, or news), or null when they may.</summary>
    public string? NotForSport(string what) => Program switch
    {
        null => "No program is scheduled.",
        { Type: "news" } => $"{ScheduleRules.Name(Program)} is news: no {what} checked.",
        _ => null,
    };
}
