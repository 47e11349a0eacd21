namespace Glance.Grains.Monitoring.Checks;

/// <summary>
/// Each scheduled team is seen in at least <see cref="EffectiveThresholds.TeamMinShare"/> of the sampled frames;
/// never during news. A frame counts for a team by text (the team detector's sighting, which already combines the
/// team's names with its logo, or text read on screen that names it) with <see cref="EffectiveThresholds.TeamTextWeight"/>,
/// and by logo (a logo sighting named like the team) with <see cref="EffectiveThresholds.TeamLogoWeight"/>; both
/// together count for their sum, at most 1. The weakest team's share decides.
/// </summary>
public sealed class TeamsCheck : ISegmentCheck
{
    /// <summary>A team is seen by the team detector, by text that names it, or by a logo named like it.</summary>
    private static readonly IReadOnlyList<string> TeamSeers = ["teams", "text", "logos"];

    public MonitoringCheck Check => MonitoringCheck.Teams;

    public CheckResult Evaluate(SegmentCheckContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.NotForSport("teams are") is { } notApplicable)
        {
            return CheckResults.Skipped(Check, notApplicable);
        }

        var teams = context.Program!.Teams ?? [];
        if (teams.Count == 0)
        {
            return CheckResults.Skipped(Check, "The program expects no teams.");
        }

        var t = context.Thresholds;
        var perTeam = teams
            .Select(team => (Team: team, Result: FrameShare.Evaluate(context, Check, team, t.TeamMinShare, "teams", frame => Score(frame, team, t), TeamSeers)))
            .ToList();
        var weakest = perTeam.MinBy(r => r.Result.Share ?? -1)!.Result;
        if (weakest.Status == CheckStatus.Error || weakest.Share is null)
        {
            return weakest with { Expected = string.Join(", ", teams) };
        }

        var frames = context.Segment.Frames
            .Select((frame, i) => new FrameEvidence(
                frame.Index,
                frame.Position,
                perTeam.Min(r => r.Result.Frames[i].Weight),
                Join(perTeam.Select(r => r.Result.Frames[i]).Where(e => e.Weight > 0).Select(e => e.Detected)),
                perTeam.Select(r => r.Result.Frames[i].Confidence).Max()))
            .ToList();
        var shares = string.Join(", ", perTeam.Select(r => $"{r.Team} {CheckResults.Percent(r.Result.Share ?? 0)}"));
        var reason = $"Teams seen in (by text or logo): {shares} of {context.Segment.Frames.Count} sampled frames; {CheckResults.Percent(t.TeamMinShare)} required for each.";
        return new CheckResult(Check, weakest.Status, reason, string.Join(", ", teams), shares, weakest.Share, t.TeamMinShare, frames);
    }

    private static FrameScore Score(AnalysedFrame frame, string team, EffectiveThresholds t)
    {
        Sighting? byText = null;
        Sighting? byLogo = null;
        foreach (var s in frame.Sightings)
        {
            var named = string.Equals(s.Id, team, StringComparison.OrdinalIgnoreCase) || NameMatching.Matches(team, s.Name);
            if (!named)
            {
                continue;
            }

            if (s.Kind is "team" or "text" && (byText is null || s.Confidence > byText.Confidence))
            {
                byText = s;
            }
            else if (s.Kind == "logo" && (byLogo is null || s.Confidence > byLogo.Confidence))
            {
                byLogo = s;
            }
        }

        var weight = (byText is null ? 0 : t.TeamTextWeight) + (byLogo is null ? 0 : t.TeamLogoWeight);
        var how = (byText, byLogo) switch
        {
            (null, null) => null,
            ({ } text, null) => $"{team} by {text.Kind} '{text.Name}'",
            (null, { } logo) => $"{team} by logo '{logo.Name}'",
            ({ } text, { } logo) => $"{team} by {text.Kind} '{text.Name}' and logo '{logo.Name}'",
        };
        return new FrameScore(Math.Min(1, weight), how, Math.Max(byText?.Confidence ?? 0, byLogo?.Confidence ?? 0) is > 0 and var c ? c : null);
    }

    private static string? Join(IEnumerable<string?> parts)
    {
        var joined = string.Join("; ", parts.OfType<string>());
        return joined.Length == 0 ? null : joined;
    }
}
