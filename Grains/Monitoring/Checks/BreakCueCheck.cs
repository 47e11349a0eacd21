namespace Glance.Grains.Monitoring.Checks;

/// <summary>
/// Where the schedule places a break's start or end inside the segment, the segment carries an SCTE-35 cue (one
/// that decoded: "invalid" cues do not count). Segments with no scheduled break boundary skip the check.
/// </summary>
public sealed class BreakCueCheck : ISegmentCheck
{
    public MonitoringCheck Check => MonitoringCheck.Scte35;

    public CheckResult Evaluate(SegmentCheckContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Program is not { } program)
        {
            return CheckResults.Skipped(Check, "No program is scheduled.");
        }

        if (context.At is not { } from || context.End is not { } to)
        {
            return CheckResults.Error(Check, "The segment's place in time is unknown (no program date-time or stream time).");
        }

        var boundaries = (program.Breaks ?? [])
            .SelectMany(b => new[] { (At: b.Start, What: "break start"), (At: b.End, What: "break end") })
            .Where(b => b.At >= from && b.At < to)
            .ToList();
        if (boundaries.Count == 0)
        {
            return CheckResults.Skipped(Check, "No break starts or ends in this segment.");
        }

        var expected = string.Join(", ", boundaries.Select(b => $"{b.What} at {b.At:HH:mm:ss.fff}"));
        var cues = context.Segment.Cues.Where(c => c.Command != "invalid").ToList();
        var detected = cues.Count == 0 ? "no cue" : string.Join(", ", cues.Select(c => c.Position is { } p ? $"{c.Command} at {p:0.###} s" : c.Command));
        return CheckResults.Judged(
            Check,
            cues.Count >= boundaries.Count,
            cues.Count >= boundaries.Count ? "The scheduled break is signalled." : $"{boundaries.Count} break boundaries scheduled, {cues.Count} SCTE-35 cues found.",
            expected,
            detected,
            boundaries.Count);
    }
}
