namespace Glance.Grains.Monitoring.Checks;

/// <summary>What a frame counted for towards a frame check, and what it showed.</summary>
public readonly record struct FrameScore(double Weight, string? Detected, double? Confidence);

/// <summary>
/// The rule every frame check shares: the weighted share of sampled frames that show what is expected, against a
/// threshold. A failure while the detector that would have seen it reported errors is an error, not a failure: the
/// picture may be right and the detector down.
/// </summary>
public static class FrameShare
{
    public static CheckResult Evaluate(
        SegmentCheckContext context,
        MonitoringCheck check,
        string expected,
        double threshold,
        string detectorName,
        Func<AnalysedFrame, FrameScore> score,
        IReadOnlyList<string>? seenBy = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(score);
        var able = seenBy ?? [detectorName];
        if (context.Segment.Detectors is { } ran && !able.Any(d => ran.Contains(d, StringComparer.Ordinal)))
        {
            // Nothing could have seen it: a failure here would only say the event was set up without the detector.
            return CheckResults.Skipped(check, $"The event runs no {string.Join(" or ", able)} detector.");
        }

        var frames = context.Segment.Frames;
        if (frames.Count == 0)
        {
            return CheckResults.Error(check, "No frames were sampled from the segment.", expected);
        }

        var evidence = new FrameEvidence[frames.Count];
        var total = 0.0;
        for (var i = 0; i < frames.Count; i++)
        {
            var s = score(frames[i]);
            var weight = Math.Clamp(s.Weight, 0, 1);
            total += weight;
            evidence[i] = new FrameEvidence(frames[i].Index, frames[i].Position, weight, s.Detected, s.Confidence);
        }

        var share = total / frames.Count;
        var pass = share >= threshold;
        var detected = string.Join(", ", evidence.Select(e => e.Detected).OfType<string>().Distinct(StringComparer.Ordinal).Take(8));
        var reason = $"{expected} in {CheckResults.Percent(share)} of {frames.Count} sampled frames; {CheckResults.Percent(threshold)} required.";
        var status = pass ? CheckStatus.Pass : CheckStatus.Fail;
        var detectorErrors = context.Segment.DetectorErrors.Where(e => e.Contains(detectorName, StringComparison.Ordinal)).ToList();
        if (!pass && detectorErrors.Count > 0)
        {
            status = CheckStatus.Error;
            reason += $" The {detectorName} detector reported {detectorErrors.Count} error(s): {detectorErrors[0]}";
        }

        return new CheckResult(check, status, reason, expected, detected.Length > 0 ? detected : null, Math.Round(share, 4), threshold, evidence);
    }

    /// <summary>The best sighting of <paramref name="kind"/> whose id or name matches <paramref name="expected"/>.</summary>
    public static Sighting? Best(AnalysedFrame frame, string kind, string expected) =>
        frame.Sightings
            .Where(s => s.Kind == kind && (string.Equals(s.Id, expected, StringComparison.OrdinalIgnoreCase) || NameMatching.Matches(expected, s.Name)))
            .MaxBy(s => s.Confidence);

    /// <summary>The names of the sightings of <paramref name="kind"/> in a frame, for evidence when none matched.</summary>
    public static string? Names(AnalysedFrame frame, string kind)
    {
        var names = frame.Sightings.Where(s => s.Kind == kind).Select(s => s.Name).Distinct(StringComparer.Ordinal).Take(4).ToList();
        return names.Count == 0 ? null : string.Join(", ", names);
    }
}
