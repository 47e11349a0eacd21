using Glance.Detection.Local.Logos;
using Glance.Detection.Local.Text;
using Microsoft.Extensions.Logging;

namespace Glance.Detection.Local.Teams;

/// <summary>
/// "local.teams": a team is on screen when its name, nickname or abbreviation is read, or its logo is found; the two
/// evidences combine as independent ones (noisy-or), so a weak read and a weak logo match together can pass the
/// threshold that neither passes alone. The frame's text and logo searches are shared with the text and logo detectors.
/// </summary>
public sealed class LocalTeamDetector(TextRecognizer recognizer, LogoMatcher logoMatcher, ILogger<LocalTeamDetector> logger) : ISegmentAwareDetector
{
    public const string DetectorName = "local.teams";

    private static readonly IReadOnlySet<DetectionKind> TeamOnly = new HashSet<DetectionKind> { DetectionKind.Team };

    public string Name => DetectorName;

    public IReadOnlySet<DetectionKind> Kinds => TeamOnly;

    public void BeginSegment(IReadOnlyList<DetectionFrame> frames, DetectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Teams.Count > 0)
        {
            recognizer.BeginSegment(frames, context, cancellationToken);
        }
    }

    public async ValueTask<IReadOnlyList<FrameDetection>> DetectAsync(DetectionFrame frame, DetectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(context);
        if (context.Teams.Count == 0)
        {
            return [];
        }

        var text = await recognizer.RecognizeSharedAsync(frame, context, cancellationToken).ConfigureAwait(false);
        var textMatches = TeamTextMatcher.Match(text, context.Teams).ToDictionary(m => m.TeamId, StringComparer.Ordinal);
        var detections = new List<FrameDetection>();
        foreach (var team in context.Teams)
        {
            var byText = textMatches.GetValueOrDefault(team.Id);
            var byLogo = await FindLogoAsync(frame, context, team, cancellationToken).ConfigureAwait(false);
            var textConfidence = byText?.Confidence ?? 0;
            var logoConfidence = byLogo?.Score ?? 0;
            var confidence = Combine(textConfidence, logoConfidence);
            if (confidence < context.Thresholds.MinTeamConfidence)
            {
                continue;
            }

            var box = textConfidence >= logoConfidence ? byText?.Box : byLogo?.Box;
            detections.Add(new FrameDetection(DetectionKind.Team, team.Id, team.Name, confidence, box, DetectorName));
        }

        return detections;
    }

    /// <summary>Probability that at least one of two independent evidences is right.</summary>
    public static double Combine(double first, double second) =>
        1 - ((1 - Math.Clamp(first, 0, 1)) * (1 - Math.Clamp(second, 0, 1)));

    private async Task<LogoMatch?> FindLogoAsync(DetectionFrame frame, DetectionContext context, KnownTeam team, CancellationToken cancellationToken)
    {
        if (team.LogoId is null || context.Logos.FirstOrDefault(l => l.Id == team.LogoId) is not { } logo)
        {
            return null;
        }

        try
        {
            var match = await logoMatcher.FindSharedAsync(frame, logo, context.LogoRegions, cancellationToken).ConfigureAwait(false);

            // Below the logo threshold a correlation is what any texture scores: it is no evidence at all.
            return match is not null && match.Score >= context.Thresholds.MinLogoScore ? match : null;
        }
        catch (LogoTemplateException e)
        {
            logger.LogWarning(e, "Logo {LogoId} of team {TeamId} cannot be matched: {Reason}", logo.Id, team.Id, e.Message);
            return null;
        }
    }
}
